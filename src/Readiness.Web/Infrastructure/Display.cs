using System.Globalization;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Templates;

namespace Readiness.Web.Infrastructure;

/// <summary>How dates, times and statuses read on the page (UK style, in the configured time zone).</summary>
public static class Display
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly d) => d.ToString("ddd d MMM yyyy", Uk);

    public static string LocalTime(ReadinessClock clock, DateTime? utc) =>
        utc is { } u ? clock.ToLocal(u).ToString("d MMM yyyy, HH:mm", Uk) : "";

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

    public static string StatusTag(AssessmentStatus s) => s switch
    {
        AssessmentStatus.Submitted or AssessmentStatus.Approved or AssessmentStatus.ApprovedWithConditions => "tag tag-submitted",
        AssessmentStatus.Draft => "tag tag-draft",
        AssessmentStatus.Returned => "tag tag-overdue",
        _ => "tag",
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

    public static string AppliesIf(Criterion c)
    {
        var parts = new List<string>();
        if (c.AppliesIfMinImpactLevel is { } l) parts.Add($"{l.ToString().ToLowerInvariant()} impact or above");
        if (c.AppliesIfTraining) parts.Add("releases with training");
        if (c.AppliesIfHypercare) parts.Add("releases with hypercare");
        return parts.Count == 0 ? "" : "Applies to " + string.Join(" and ", parts);
    }

    public static string MinimumPass(Criterion c) => c.AnswerType switch
    {
        AnswerType.Text => "Not scored",
        AnswerType.EvidenceLink => "Passes when a link is given",
        AnswerType.Percentage => $"Passes at {c.MinimumPass}% or more",
        AnswerType.Number => $"Passes at {c.MinimumPass}{(c.Unit is null ? "" : " " + c.Unit)} or more",
        AnswerType.Date => $"Passes on or before {c.MinimumPass}",
        _ => c.MinimumPass is null ? "" : $"Passes at {c.MinimumPass}" + (c.MinimumPass is "Yes" or "Green" ? "" : " or better"),
    };

    public static string FieldId(int criterionId, AnswerField field) => field switch
    {
        AnswerField.Value => $"c{criterionId}-value",
        AnswerField.EvidenceLink => $"c{criterionId}-evidence",
        _ => $"c{criterionId}-comment",
    };
}
