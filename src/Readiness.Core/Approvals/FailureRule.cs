using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Templates;

namespace Readiness.Core.Approvals;

/// <summary>A criterion an area's answer does not pass (below its minimum pass), with what the team lead answered and said.</summary>
public sealed record FailingCriterion(Criterion Criterion, string Answer, string Comment)
{
    public int CriterionId => Criterion.Id;
    public string Code => Criterion.Code;
}

/// <summary>
/// The failing-criteria rule (issue 10): every applicable criterion whose answer is below its minimum pass is a failure,
/// whatever the weighted score says — a return can score Green and still fail criteria. A BCM may not record a plain
/// Approve while any failure is neither waived (reason and expiry) nor covered by conditions: the choice is to waive each
/// one, approve with conditions, or return the return. Nothing is decided when the rule refuses.
/// </summary>
public static class FailureRule
{
    /// <summary>The failures of a scored return, in template order.</summary>
    public static IReadOnlyList<FailingCriterion> Of(ScoreCard card) =>
        card.Failing.Select(o => new FailingCriterion(o.Criterion, o.Answer.Value, o.Answer.Comment)).ToList();

    /// <summary>
    /// Null when <paramref name="decision"/> may be recorded on a return with these failures; otherwise the refusal, on the
    /// decision field, naming each uncovered criterion and what to do. <paramref name="waived"/> are the criteria waived by
    /// this decision or earlier ones on the same return; <paramref name="coveredByConditions"/> is true when an earlier
    /// approval of the return came with conditions (a second approver of a conditional approval).
    /// </summary>
    public static Failure? CheckDecision(Decision decision, IReadOnlyList<FailingCriterion> failing, IReadOnlySet<int> waived, bool coveredByConditions = false)
    {
        if (decision != Decision.Approve || coveredByConditions) return null;
        var open = failing.Where(f => !waived.Contains(f.CriterionId)).ToList();
        if (open.Count == 0) return null;
        var list = string.Join(", ", open.Select(f => $"{f.Code} (answered “{(f.Answer.Length == 0 ? "no answer" : f.Answer)}”)"));
        var message = open.Count == 1
            ? $"{list} is below its minimum pass, so the return cannot be plainly approved. Waive it (with a reason and an expiry date), choose “Approve with conditions”, or return it to the team lead."
            : $"{open.Count} criteria are below their minimum pass: {list}. The return cannot be plainly approved: waive each of them (with a reason and an expiry date), choose “Approve with conditions”, or return it to the team lead.";
        return Failures.Invalid("Decision", message);
    }
}
