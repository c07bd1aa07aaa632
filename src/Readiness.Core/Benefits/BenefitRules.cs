using System.Globalization;
using System.Text.RegularExpressions;
using Readiness.Core.Common;

namespace Readiness.Core.Benefits;

/// <summary>
/// What makes a benefit well formed, as field errors named after the spec's inputs (the form shows each beside its field).
/// Measured benefits (cashable, non-cashable) need a unit, a baseline, a target different from it and a profile whose
/// values lie between them; a cashable benefit is counted in pounds. A qualitative benefit may go without numbers.
/// </summary>
public static partial class BenefitRules
{
    public const int MaxProfilePoints = 120;
    public const string Pounds = "£";

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,39}$")]
    private static partial Regex CodePattern();

    public static bool Measured(BenefitKind kind) => kind != BenefitKind.Qualitative;

    public static IReadOnlyDictionary<string, string> Problems(BenefitSpec s)
    {
        var e = new Dictionary<string, string>();
        if (!CodePattern().IsMatch(s.Code?.Trim() ?? "")) e["Code"] = "Enter a code of up to 40 capital letters, digits and hyphens, like CONNECT-LEGACY-SAVINGS.";
        if (string.IsNullOrWhiteSpace(s.Name)) e["Name"] = "Enter the benefit's name.";
        else if (TextLimits.TooLong(s.Name, 200, "The name") is { } name) e["Name"] = name;
        if (TextLimits.TooLong(s.Description, TextLimits.Comment, "The description") is { } description) e["Description"] = description;
        if (string.IsNullOrWhiteSpace(s.Measure)) e["Measure"] = "Say what is measured, like “share of recorded crime handled by TDIU”.";
        else if (TextLimits.TooLong(s.Measure, TextLimits.Name, "The measure") is { } measure) e["Measure"] = measure;
        if (!Enum.IsDefined(s.Kind)) e["Kind"] = "Choose cashable, non-cashable or qualitative.";
        if (s.ReleaseIds.Count == 0) e["Releases"] = "Name at least one release that realises the benefit.";
        if (s.AreaIds.Count == 0) e["Areas"] = "Name at least one business area the benefit lands in.";
        if (string.IsNullOrWhiteSpace(s.OwnerUserId)) e["Owner"] = "Choose the owner: a Business Change Manager.";

        var measured = Measured(s.Kind);
        if (measured && string.IsNullOrWhiteSpace(s.Unit)) e["Unit"] = "Enter the unit the measure is in, like %, seconds or £.";
        else if (TextLimits.TooLong(s.Unit, 40, "The unit") is { } unit) e["Unit"] = unit;
        else if (s.Kind == BenefitKind.Cashable && s.Unit.Trim() != Pounds) e["Unit"] = "A cashable benefit is counted in pounds: enter £ as its unit.";
        if (measured && s.Baseline is null) e["Baseline"] = "Enter the baseline: the value before the change.";
        if (measured && s.Target is null) e["Target"] = "Enter the target: the value the benefit should reach.";
        if (s.Baseline is { } b && s.Target is { } t && b == t) e["Target"] = "The target must differ from the baseline: that difference is the benefit.";
        if ((s.Baseline is null) != (s.Target is null)) e.TryAdd(s.Baseline is null ? "Baseline" : "Target", "Give both a baseline and a target, or neither.");
        ProfileProblems(s, measured, e);
        return e;
    }

    private static void ProfileProblems(BenefitSpec s, bool measured, Dictionary<string, string> e)
    {
        if (measured && s.Profile.Count == 0) e["Profile"] = "Give the realisation profile: at least one date and the value expected by then.";
        else if (s.Profile.Count > MaxProfilePoints) e["Profile"] = $"Keep the profile to {MaxProfilePoints} dates or fewer.";
        else if (s.Profile.GroupBy(p => p.Date).FirstOrDefault(g => g.Count() > 1) is { } twice)
            e["Profile"] = $"{Day(twice.Key)} appears twice in the profile: one expected value per date.";
        else if (s.Profile.Count > 0 && (s.Baseline is null || s.Target is null)) e["Profile"] = "A profile needs a baseline and a target to run between.";
        else if (s.Baseline is { } b && s.Target is { } t
                 && s.Profile.FirstOrDefault(p => p.Expected < Math.Min(b, t) || p.Expected > Math.Max(b, t)) is { } outside)
            e["Profile"] = $"The value expected by {Day(outside.Date)} ({Number(outside.Expected)}) is outside the baseline ({Number(b)}) to target ({Number(t)}).";
    }

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(decimal d) => d.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a profile written one point a line as <c>YYYY-MM-DD,value</c> (the CSV format of measurements, without a
    /// header); every bad line is named.
    /// </summary>
    public static (IReadOnlyList<ProfilePoint> Points, IReadOnlyList<string> Problems) ParseProfile(string? text)
    {
        var points = new List<ProfilePoint>();
        var problems = new List<string>();
        var lines = (text ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || !decimal.TryParse(parts[1], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                problems.Add($"Line {i + 1} (“{line}”): write a date and a value separated by a comma, like 2027-03-31,12.5.");
            else points.Add(new ProfilePoint(date, value));
        }
        return (points.OrderBy(p => p.Date).ToList(), problems);
    }

    public static string ProfileText(IEnumerable<ProfilePoint> points) =>
        string.Join("\n", points.OrderBy(p => p.Date).Select(p => $"{Day(p.Date)},{p.Expected.ToString("0.####", CultureInfo.InvariantCulture)}"));
}
