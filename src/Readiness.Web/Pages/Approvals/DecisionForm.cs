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

    /// <summary>Go / no-go: the ids of the release's high risks ticked as acknowledged.</summary>
    public List<int> AcknowledgedRisks { get; set; } = [];

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

    /// <summary>Set by the "Add another condition" button: the form comes back with one more row, nothing is decided.</summary>
    public bool AddCondition { get; set; }

    /// <summary>Readies the form for display: the condition rows posted (at least one), and a waiver row per failing criterion of a return.</summary>
    public void Prepare(ReturnBrief? brief, DateOnly today)
    {
        PadConditions();
        if (brief is not null) OfferWaivers(Failing(brief).Select(o => o.Criterion.Id), today.AddDays(30));
    }

    /// <summary>Labels of the criteria that may be waived: the applicable ones that do not pass.</summary>
    public static IReadOnlyDictionary<int, string> WaivableOf(ReturnBrief? brief) =>
        brief is null ? new Dictionary<int, string>() : Failing(brief).ToDictionary(o => o.Criterion.Id, o => $"{o.Criterion.Code}: {o.Criterion.Text}");

    private static IEnumerable<CriterionOutcome> Failing(ReturnBrief brief) => brief.Card.Outcomes.Where(o => o.Applies && o.Check.Passed == false);

    /// <summary>
    /// One blank row is offered (shown only with a "with conditions" decision), and one more each time the person asks
    /// for another; rows left blank are ignored, and blank rows beyond the first are dropped.
    /// </summary>
    public void PadConditions()
    {
        Conditions = Conditions.Where(c => !c.IsBlank).ToList();
        if (Conditions.Count == 0 || AddCondition) Conditions.Add(new ConditionRow());
        AddCondition = false;
    }

    /// <summary>True when the conditions should be open on the page: a conditional decision, or conditions already written.</summary>
    public bool ShowsConditions => Decision is { } d && Decisions.HasConditions(d) || Conditions.Any(c => !c.IsBlank);

    /// <summary>Maps the form to the use case's input, or returns the field errors the form itself can tell.</summary>
    public (DecisionInput? Input, Dictionary<string, string> Errors) ToInput()
    {
        var errors = new Dictionary<string, string>();
        if (Decision is null) errors["Decision"] = "Choose a decision.";
        var conditions = new List<ConditionInput>();
        var i = -1;
        foreach (var row in Conditions)
        {
            if (row.IsBlank) continue;
            i++; // numbered as the page shows them again: blank rows dropped
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
        return errors.Count > 0 ? (null, errors) : (new DecisionInput(Decision!.Value, Comment?.Trim() ?? "", conditions, Dca, waivers, AcknowledgedRisks), errors);
    }
}
