namespace Readiness.Core.Benefits;

public enum BenefitStatus
{
    /// <summary>No expectation yet: the profile's first date has not come.</summary>
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,

    /// <summary>A qualitative benefit without numbers: judged in the post-go-live review, not by rule.</summary>
    NotMeasured,
}

/// <summary>A value on a day: a measurement, or a reading of the linked lead indicator.</summary>
public sealed record MeasuredValue(DateOnly Date, decimal Value, string Source);

/// <summary>Where a benefit stands, why, and the numbers behind it (the expected value on the day of the latest measurement).</summary>
public sealed record BenefitVerdict(BenefitStatus Status, string Why, MeasuredValue? Latest, decimal? ExpectedThen, decimal? ExpectedToday);

/// <summary>
/// The status rule (issue 10): the latest measurement against what the realisation profile expected on its day. The
/// profile is read as straight lines between its points, the baseline before the first and the last point after it.
/// Progress is the share of the expected improvement (from the baseline) actually achieved: at least
/// <see cref="OnTrackShare"/> is on track, at least <see cref="AtRiskShare"/> at risk, below that off track. No
/// measurement <see cref="GraceDays"/> days after the first profile date is at risk (nobody knows), and so is a latest
/// measurement older than <see cref="StaleDays"/> days while improvement is expected.
/// </summary>
public static class BenefitStatusRule
{
    public const decimal OnTrackShare = 0.9m;
    public const decimal AtRiskShare = 0.7m;
    public const int GraceDays = 14;
    public const int StaleDays = 60;

    public const string RuleWords = "On track when the latest measurement has achieved at least 90% of the improvement the profile expected by its date (straight lines between the profile's dates, the baseline before the first); at risk from 70% to 90%, or with no measurement 14 days after the profile's first date, or none for 60 days; off track below 70%.";

    public static BenefitVerdict Evaluate(BenefitKind kind, decimal? baseline, decimal? target, IReadOnlyList<ProfilePoint> profile, IEnumerable<MeasuredValue> measured, DateOnly today)
    {
        var latest = measured.Where(m => m.Date <= today).OrderBy(m => m.Date).LastOrDefault();
        if (baseline is not { } b || target is not { } t || profile.Count == 0)
            return new(BenefitStatus.NotMeasured, kind == BenefitKind.Qualitative ? "A qualitative benefit: judged in the post-go-live review." : "No profile to measure against.", latest, null, null);
        var first = profile.Min(p => p.Date);
        var expectedToday = ExpectedOn(profile, b, today);
        if (latest is null)
            return today < first.AddDays(GraceDays)
                ? new(BenefitStatus.NotStarted, $"Realisation starts {BenefitRules.Day(first)}; no measurement yet.", null, null, expectedToday)
                : new(BenefitStatus.AtRisk, $"No measurement since realisation was due to start on {BenefitRules.Day(first)}.", null, null, expectedToday);

        var sign = t >= b ? 1m : -1m;
        var expectedThen = ExpectedOn(profile, b, latest.Date);
        var expectedGain = (expectedThen - b) * sign;
        var gain = (latest.Value - b) * sign;
        if (expectedGain <= 0)
            return gain >= 0
                ? new(BenefitStatus.NotStarted, $"No improvement expected by {BenefitRules.Day(latest.Date)} yet; the latest measurement is no worse than the baseline.", latest, expectedThen, expectedToday)
                : new(BenefitStatus.AtRisk, $"The latest measurement ({BenefitRules.Number(latest.Value)}) is worse than the baseline ({BenefitRules.Number(b)}).", latest, expectedThen, expectedToday);

        var share = gain / expectedGain;
        var percent = $"{Math.Round(share * 100m, 0, MidpointRounding.AwayFromZero).ToString("0", System.Globalization.CultureInfo.InvariantCulture)}%";
        var numbers = $"{BenefitRules.Number(latest.Value)} on {BenefitRules.Day(latest.Date)} against {BenefitRules.Number(expectedThen)} expected: {percent} of the expected improvement";
        if (share < AtRiskShare) return new(BenefitStatus.OffTrack, numbers + ".", latest, expectedThen, expectedToday);
        if (share < OnTrackShare) return new(BenefitStatus.AtRisk, numbers + ".", latest, expectedThen, expectedToday);
        var stale = today.DayNumber - latest.Date.DayNumber > StaleDays && (expectedToday - b) * sign > expectedGain;
        return stale
            ? new(BenefitStatus.AtRisk, $"{numbers}, but nothing has been measured for {today.DayNumber - latest.Date.DayNumber} days.", latest, expectedThen, expectedToday)
            : new(BenefitStatus.OnTrack, numbers + ".", latest, expectedThen, expectedToday);
    }

    /// <summary>The profile's expected value on <paramref name="day"/>: straight lines between points, the baseline before the first.</summary>
    public static decimal ExpectedOn(IReadOnlyList<ProfilePoint> profile, decimal baseline, DateOnly day)
    {
        var points = profile.OrderBy(p => p.Date).ToList();
        var next = points.FindIndex(p => p.Date >= day);
        if (next < 0) return points[^1].Expected;
        if (points[next].Date == day) return points[next].Expected;
        if (next == 0) return baseline;
        var (from, to) = (points[next - 1], points[next]);
        var fraction = (decimal)(day.DayNumber - from.Date.DayNumber) / (to.Date.DayNumber - from.Date.DayNumber);
        return from.Expected + (to.Expected - from.Expected) * fraction;
    }

    public static string Words(BenefitStatus s) => s switch
    {
        BenefitStatus.OnTrack => "On track",
        BenefitStatus.AtRisk => "At risk",
        BenefitStatus.OffTrack => "Off track",
        BenefitStatus.NotStarted => "Not started",
        _ => "Not measured",
    };
}
