using Readiness.Core.Benefits;

namespace Readiness.Core.Tests.Benefits;

/// <summary>What makes a benefit well formed, and the entity refusing one that is not.</summary>
public class BenefitRulesTests
{
    private static BenefitSpec Valid(BenefitKind kind = BenefitKind.Cashable) => new(1, "CONNECT-LEGACY-SAVINGS", "Legacy decommission savings", "", kind,
        "Running costs saved by switching off the legacy systems", "£", 0m, 1_200_000m, "bcm", null, [1], [2],
        [new(new DateOnly(2027, 3, 31), 400_000m), new(new DateOnly(2028, 3, 31), 1_200_000m)]);

    [Fact]
    public void A_complete_benefit_has_no_problems() => Assert.Empty(BenefitRules.Problems(Valid()));

    [Fact]
    public void Each_problem_is_named_by_its_field()
    {
        var problems = BenefitRules.Problems(Valid() with { Code = "bad code", Unit = "GBP", Target = 0m, ReleaseIds = [], Profile = [] });

        Assert.Equal(["Code", "Profile", "Releases", "Target", "Unit"], problems.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("£", problems["Unit"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_value_outside_baseline_to_target_or_a_date_twice_is_refused()
    {
        Assert.Contains("outside", BenefitRules.Problems(Valid() with { Profile = [new(new DateOnly(2027, 3, 31), 2_000_000m)] })["Profile"], StringComparison.Ordinal);
        Assert.Contains("twice", BenefitRules.Problems(Valid() with { Profile = [new(new DateOnly(2027, 3, 31), 1m), new(new DateOnly(2027, 3, 31), 2m)] })["Profile"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_qualitative_benefit_may_go_without_numbers()
    {
        Assert.Empty(BenefitRules.Problems(Valid(BenefitKind.Qualitative) with { Unit = "", Baseline = null, Target = null, Profile = [] }));
    }

    [Fact]
    public void The_entity_refuses_a_spec_that_breaks_the_rules_and_keeps_its_version_otherwise_bumped()
    {
        var benefit = new Benefit(Valid(), DateTime.UtcNow);

        Assert.Throws<ArgumentException>(() => benefit.Apply(Valid() with { Name = " " }));
        benefit.Apply(Valid() with { Profile = [new(new DateOnly(2027, 3, 31), 500_000m)] });
        Assert.Equal(2, benefit.Version);
        Assert.Equal(500_000m, Assert.Single(benefit.ProfilePoints).Expected);
    }

    [Fact]
    public void A_profile_is_read_line_by_line_naming_each_bad_line()
    {
        var (points, problems) = BenefitRules.ParseProfile("2027-03-31,400000\n\n31/03/2028,1200000\n2028-03-31 1200000");

        Assert.Single(points);
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Line 3 (“31/03/2028,1200000”)", problems[0], StringComparison.Ordinal);
    }
}
