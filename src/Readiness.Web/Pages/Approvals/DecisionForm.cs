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

    public sealed class ConditionRow
    {
        public string? Description { get; set; }
        public string? Owner { get; set; }

        /// <summary>When it is due, relative to go-live, e.g. "T-7" or "T+14".</summary>
        public string? Due { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Owner) && string.IsNullOrWhiteSpace(Due);
    }

    /// <summary>Three rows are always offered; blank ones are ignored.</summary>
    public void PadConditions()
    {
        while (Conditions.Count < 3) Conditions.Add(new ConditionRow());
    }

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
        return errors.Count > 0 ? (null, errors) : (new DecisionInput(Decision!.Value, Comment?.Trim() ?? "", conditions, Dca), errors);
    }
}
