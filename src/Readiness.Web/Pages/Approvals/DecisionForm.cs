using Readiness.Core.Approvals;
using Readiness.Core.Assessments;

namespace Readiness.Web.Pages.Approvals;

/// <summary>The decision form as posted: one decision, a comment, up to three conditions, and the DCA for go-live.</summary>
public sealed class DecisionForm
{
    public Decision? Decision { get; set; }
    public string? Comment { get; set; }
    public Dca? Dca { get; set; }
    public List<ConditionRow> Conditions { get; set; } = [];
    public List<WaiverRow> Waivers { get; set; } = [];

    /// <summary>A failed criterion the approver may accept: ticked, with a reason and an expiry.</summary>
    public sealed class WaiverRow
    {
        public int CriterionId { get; set; }
        public bool Waive { get; set; }
        public string? Reason { get; set; }
        public DateOnly? ExpiresOn { get; set; }
    }

    /// <summary>One row per failing criterion of the return, keeping what was posted for each.</summary>
    public void OfferWaivers(IEnumerable<int> failingCriterionIds, DateOnly defaultExpiry)
    {
        var posted = Waivers.ToDictionary(w => w.CriterionId);
        Waivers = failingCriterionIds.Select(id => posted.GetValueOrDefault(id) ?? new WaiverRow { CriterionId = id, ExpiresOn = defaultExpiry }).ToList();
    }

    public sealed class ConditionRow
    {
        public string? Description { get; set; }
        public string? Owner { get; set; }

        /// <summary>When it is due, relative to go-live, e.g. "T-7" or "T+14".</summary>
        public string? Due { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Owner) && string.IsNullOrWhiteSpace(Due);
    }

    /// <summary>Readies the form for display: three condition rows, and a waiver row per failing criterion of a return.</summary>
    public void Prepare(ReturnBrief? brief, DateOnly today)
    {
        PadConditions();
        if (brief is not null) OfferWaivers(Failing(brief).Select(o => o.Criterion.Id), today.AddDays(30));
    }

    /// <summary>Labels of the criteria that may be waived: the applicable ones that do not pass.</summary>
    public static IReadOnlyDictionary<int, string> WaivableOf(ReturnBrief? brief) =>
        brief is null ? new Dictionary<int, string>() : Failing(brief).ToDictionary(o => o.Criterion.Id, o => $"{o.Criterion.Code}: {o.Criterion.Text}");

    private static IEnumerable<CriterionOutcome> Failing(ReturnBrief brief) => brief.Card.Outcomes.Where(o => o.Applies && o.Check.Passed == false);

    /// <summary>Three rows are always offered; blank ones are ignored.</summary>
    public void PadConditions()
    {
        while (Conditions.Count < 3) Conditions.Add(new ConditionRow());
    }

    /// <summary>The decision form's errors by the use case's field names ("Comment", "Conditions[0]"), as the partial shows them.</summary>
    public static Dictionary<string, string> ErrorsFrom(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState) =>
        modelState.Where(kv => kv.Key.StartsWith("Form.", StringComparison.Ordinal) && kv.Value!.Errors.Count > 0)
            .ToDictionary(kv => kv.Key["Form.".Length..], kv => kv.Value!.Errors[0].ErrorMessage);

    /// <summary>Maps the form to the use case's input, or returns the field errors the form itself can tell.</summary>
    public (DecisionInput? Input, Dictionary<string, string> Errors) ToInput()
    {
        var errors = new Dictionary<string, string>();
        if (Decision is null) errors["Decision"] = "Choose a decision.";
        var conditions = new List<ConditionInput>();
        for (var i = 0; i < Conditions.Count; i++)
        {
            var row = Conditions[i];
            if (row.IsBlank) continue;
            if (!AnswerRules.TryParseOffset(row.Due?.Trim(), out var offset))
            {
                errors[$"Conditions[{i}]"] = $"Condition {i + 1}: write when it is due relative to go-live, like T-7 (a week before) or T+14.";
                continue;
            }
            conditions.Add(new ConditionInput(row.Description ?? "", row.Owner ?? "", offset));
        }
        var waivers = new List<WaiverInput>();
        foreach (var w in Waivers.Where(w => w.Waive))
        {
            if (w.ExpiresOn is null) errors[$"Waivers[{w.CriterionId}]"] = "Give the waiver an expiry date.";
            else waivers.Add(new WaiverInput(w.CriterionId, w.Reason ?? "", w.ExpiresOn.Value));
        }
        return errors.Count > 0 ? (null, errors) : (new DecisionInput(Decision!.Value, Comment?.Trim() ?? "", conditions, Dca, waivers), errors);
    }
}
