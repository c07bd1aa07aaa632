using Readiness.Core.Benefits;

namespace Readiness.Core.Tests.Benefits;

/// <summary>The benefit status rule: the latest measurement against what the profile expected on its day (issue 10).</summary>
public class BenefitStatusRuleTests
{
    private static readonly DateOnly Start = new(2026, 4, 1);

    // Share of recorded crime handled by TDIU: baseline 10%, expected 20% by 1 July and 30% by 1 October.
    private static readonly ProfilePoint[] Profile = [new(Start, 10m), new(Start.AddMonths(3), 20m), new(Start.AddMonths(6), 30m)];

    private static BenefitVerdict Evaluate(DateOnly today, params (DateOnly Date, decimal Value)[] measured) =>
        BenefitStatusRule.Evaluate(BenefitKind.NonCashable, 10m, 30m, Profile, measured.Select(m => new MeasuredValue(m.Date, m.Value, "By hand")), today);

    [Fact]
    public void The_profile_is_read_as_straight_lines_with_the_baseline_before_it_and_its_last_value_after()
    {
        Assert.InRange(BenefitStatusRule.ExpectedOn(Profile, 10m, new DateOnly(2026, 5, 16)), 14.9m, 15m); // day 45 of 91
        Assert.Equal(10m, BenefitStatusRule.ExpectedOn(Profile, 10m, Start.AddDays(-30)));
        Assert.Equal(30m, BenefitStatusRule.ExpectedOn(Profile, 10m, Start.AddYears(1)));
    }

    [Theory]
    [InlineData(19.5, BenefitStatus.OnTrack)]  // 95% of the expected 10-point rise
    [InlineData(18, BenefitStatus.AtRisk)]     // 80%
    [InlineData(16, BenefitStatus.OffTrack)]   // 60%
    [InlineData(25, BenefitStatus.OnTrack)]    // ahead of profile
    public void Status_is_the_share_of_the_expected_improvement_achieved(double value, BenefitStatus expected)
    {
        var verdict = Evaluate(Start.AddMonths(3).AddDays(1), (Start.AddMonths(3), (decimal)value));

        Assert.Equal(expected, verdict.Status);
        Assert.Equal(20m, verdict.ExpectedThen);
    }

    [Fact]
    public void Lower_is_better_when_the_target_is_below_the_baseline()
    {
        // 101 call waiting time: 300 s before IVR, 120 s expected by 1 July.
        var profile = new[] { new ProfilePoint(Start, 300m), new ProfilePoint(Start.AddMonths(3), 120m) };

        var good = BenefitStatusRule.Evaluate(BenefitKind.NonCashable, 300m, 120m, profile, [new MeasuredValue(Start.AddMonths(3), 130m, "x")], Start.AddMonths(3));
        var bad = BenefitStatusRule.Evaluate(BenefitKind.NonCashable, 300m, 120m, profile, [new MeasuredValue(Start.AddMonths(3), 250m, "x")], Start.AddMonths(3));

        Assert.Equal(BenefitStatus.OnTrack, good.Status);
        Assert.Equal(BenefitStatus.OffTrack, bad.Status);
    }

    [Fact]
    public void No_measurement_is_not_started_before_the_profile_begins_and_at_risk_after_the_grace_period()
    {
        Assert.Equal(BenefitStatus.NotStarted, Evaluate(Start.AddDays(-5)).Status);
        Assert.Equal(BenefitStatus.NotStarted, Evaluate(Start.AddDays(BenefitStatusRule.GraceDays - 1)).Status);
        Assert.Equal(BenefitStatus.AtRisk, Evaluate(Start.AddDays(BenefitStatusRule.GraceDays)).Status);
    }

    [Fact]
    public void An_old_measurement_while_improvement_is_still_expected_is_at_risk()
    {
        var verdict = Evaluate(Start.AddMonths(5), (Start.AddMonths(1).AddDays(-1), 14m));

        Assert.Equal(BenefitStatus.AtRisk, verdict.Status);
        Assert.Contains("nothing has been measured for", verdict.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Worse_than_baseline_before_any_improvement_is_expected_is_at_risk()
    {
        Assert.Equal(BenefitStatus.AtRisk, Evaluate(Start.AddDays(1), (Start, 8m)).Status);
        Assert.Equal(BenefitStatus.NotStarted, Evaluate(Start.AddDays(1), (Start, 10m)).Status);
    }

    [Fact]
    public void A_qualitative_benefit_without_numbers_is_not_measured_by_rule()
    {
        var verdict = BenefitStatusRule.Evaluate(BenefitKind.Qualitative, null, null, [], [], Start);

        Assert.Equal(BenefitStatus.NotMeasured, verdict.Status);
    }
}
