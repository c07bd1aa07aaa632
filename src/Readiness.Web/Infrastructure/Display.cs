using System.Globalization;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Templates;

namespace Readiness.Web.Infrastructure;

/// <summary>How dates, times, answers and statuses read on the page (UK style, in the configured time zone).</summary>
public static class Display
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"Thu 17 Dec 2026": the one way a day is written everywhere.</summary>
    public static string Date(DateOnly d) => d.ToString("ddd d MMM yyyy", Uk);

    /// <summary>A stored ISO date ("2026-12-17") as <see cref="Date(DateOnly)"/>; anything else as it is.</summary>
    public static string Date(string iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Date(d) : iso;

    /// <summary>"Thu 17 Dec 2026, 14:05" in the configured time zone.</summary>
    public static string LocalTime(ReadinessClock clock, DateTime? utc) =>
        utc is { } u ? clock.ToLocal(u).ToString("ddd d MMM yyyy, HH:mm", Uk) : "";

    /// <summary>The machine-readable instant for a &lt;time datetime&gt; attribute.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>"Ann", "Ann and Bob", "Ann, Bob and Cy".</summary>
    public static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    public static string Number(decimal d) => d.ToString("#,0.##", Uk);

    public static string Percent(decimal d) => d.ToString("0.#", Uk) + "%";

    public static string Status(AssessmentStatus s) => s switch
    {
        AssessmentStatus.NotStarted => "Not started",
        AssessmentStatus.Draft => "In progress",
        AssessmentStatus.Submitted => "Submitted",
        AssessmentStatus.Returned => "Returned",
        AssessmentStatus.Approved => "Approved",
        AssessmentStatus.ApprovedWithConditions => "Approved with conditions",
        _ => s.ToString(),
    };

    public static string Status(Readiness.Core.Portfolio.ReleaseStatus s) => s switch
    {
        Readiness.Core.Portfolio.ReleaseStatus.InReadiness => "In readiness",
        _ => s.ToString(),
    };

    /// <summary>The Design System tag colour of a return's status (the words carry the meaning).</summary>
    public static string StatusColour(AssessmentStatus s) => s switch
    {
        AssessmentStatus.Approved or AssessmentStatus.ApprovedWithConditions => "green",
        AssessmentStatus.Submitted => "turquoise",
        AssessmentStatus.Draft => "blue",
        AssessmentStatus.Returned => "red",
        _ => "grey",
    };

    /// <summary>"Due in 3 days" / "Due today" / "4 days overdue": relative words people scan faster than dates.</summary>
    public static string DueWords(DateOnly due, DateOnly today)
    {
        var days = due.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "Due today",
            1 => "Due tomorrow",
            > 1 => $"Due in {days} days",
            -1 => "1 day overdue",
            _ => $"{-days} days overdue",
        };
    }

    /// <summary>"Goes live in 12 days" / "Went live 3 days ago" / "Goes live today".</summary>
    public static string GoLiveWords(DateOnly goLive, DateOnly today)
    {
        var days = goLive.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "goes live today",
            1 => "goes live tomorrow",
            > 1 => $"goes live in {days} days",
            -1 => "went live yesterday",
            _ => $"went live {-days} days ago",
        };
    }

    public static string AppliesIf(Criterion c)
    {
        var parts = new List<string>();
        if (c.AppliesIfMinImpactLevel is { } l) parts.Add($"{l.ToString().ToLowerInvariant()} impact or above");
        if (c.AppliesIfTraining) parts.Add("releases with training");
        if (c.AppliesIfHypercare) parts.Add("releases with hypercare");
        return parts.Count == 0 ? "" : "Applies to " + string.Join(" and ", parts);
    }

    /// <summary>The pass rule in words; a date rule relative to go-live also gives the date it works out to.</summary>
    public static string MinimumPass(Criterion c, DateOnly goLive) => c.AnswerType switch
    {
        AnswerType.Text => "Not scored",
        AnswerType.EvidenceLink => "Passes when a link is given",
        AnswerType.Percentage => $"Passes at {c.MinimumPass}% or more",
        AnswerType.Number => $"Passes at {c.MinimumPass}{(c.Unit is null ? "" : " " + c.Unit)} or more",
        AnswerType.Date => AnswerRules.TryParseOffset(c.MinimumPass, out var days)
            ? $"Passes on or before {Date(goLive.AddDays(days))} ({Readiness.Core.Portfolio.Gate.FormatOffset(days)})"
            : "Any date",
        _ => c.MinimumPass is null ? "" : $"Passes at {c.MinimumPass}" + (c.MinimumPass is "Yes" or "Green" ? "" : " or better"),
    };

    /// <summary>An answer as people read it: a date written out, a percentage or a number with its unit.</summary>
    public static string Answer(Criterion c, string value) => value.Length == 0 ? "" : c.AnswerType switch
    {
        AnswerType.Date => Date(value),
        AnswerType.Percentage => value + "%",
        AnswerType.Number => c.Unit is null ? value : $"{value} {c.Unit}",
        _ => value,
    };

    /// <summary>The input name of one answer field on the return form (the error summary links to the id made from it).</summary>
    public static string FieldName(int index, AnswerField field) => field switch
    {
        AnswerField.Value => $"Answers[{index}].Value",
        AnswerField.EvidenceLink => $"Answers[{index}].EvidenceLink",
        _ => $"Answers[{index}].Comment",
    };
}
