using Readiness.Core.Common;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;

namespace Readiness.Core.Assessments;

/// <summary>A problem that stops submission, tied to the criterion and field it is about.</summary>
public sealed record SubmitError(int CriterionId, string CriterionCode, AnswerField Field, string Message);

/// <summary>Something a reader of the return should know is missing or failing.</summary>
public sealed record MissingItem(int CriterionId, string CriterionCode, string Text, string Reason);

public sealed record CriterionOutcome(Criterion Criterion, bool Applies, AnswerContent Answer, AnswerCheck Check);

/// <summary>The computed state of a return: score, RAG, progress, what blocks submission and what is missing.</summary>
public sealed record ScoreCard(
    decimal Score,
    Rag Rag,
    bool BlockingFailed,
    int Applicable,
    int Answered,
    IReadOnlyList<CriterionOutcome> Outcomes,
    IReadOnlyList<SubmitError> Errors,
    IReadOnlyList<MissingItem> Missing)
{
    public int ProgressPercent => Applicable == 0 ? 100 : (int)Math.Round(100m * Answered / Applicable);

    /// <summary>The applicable criteria answered below their minimum pass: failures whatever the weighted score says.</summary>
    public IEnumerable<CriterionOutcome> Failing => Outcomes.Where(o => o.Applies && o.Check.Passed == false);

    /// <summary>
    /// Scores a return: any applicable blocking criterion answered and failed ⇒ Red; otherwise the weighted score
    /// (unanswered counts as zero, text answers are not scored) against the template's thresholds.
    /// </summary>
    public static ScoreCard Compute(QuestionnaireTemplate template, IReadOnlyDictionary<int, AnswerContent> answers, Impact? impact, DateOnly goLive)
    {
        var outcomes = new List<CriterionOutcome>();
        var errors = new List<SubmitError>();
        var missing = new List<MissingItem>();
        decimal earned = 0, possible = 0;
        int applicable = 0, answered = 0;
        var blockingFailed = false;

        foreach (var criterion in template.AllCriteria)
        {
            var answer = answers.TryGetValue(criterion.Id, out var a) ? a : AnswerContent.Empty;
            var applies = criterion.AppliesTo(impact);
            var check = AnswerRules.Check(criterion, answer, goLive);
            outcomes.Add(new CriterionOutcome(criterion, applies, answer, check));
            if (!applies) continue;

            applicable++;
            if (check.Answered) answered++;
            if (criterion.AnswerType != AnswerType.Text)
            {
                possible += criterion.Weight;
                earned += criterion.Weight * (check.Fraction ?? 0m);
            }
            if (check.Passed == false && criterion.Blocking) blockingFailed = true;
            CollectProblems(criterion, answer, check, errors, missing);
        }

        var score = possible == 0 ? 100m : Math.Round(100m * earned / possible, 1);
        var rag = blockingFailed ? Rag.Red
            : score >= template.GreenThreshold ? Rag.Green
            : score >= template.AmberThreshold ? Rag.Amber
            : Rag.Red;
        return new ScoreCard(score, rag, blockingFailed, applicable, answered, outcomes, errors, missing);
    }

    private static void CollectProblems(Criterion c, AnswerContent answer, AnswerCheck check, List<SubmitError> errors, List<MissingItem> missing)
    {
        foreach (var p in check.FormatProblems) errors.Add(new(c.Id, c.Code, p.Field, p.Message));
        if (!check.Answered)
        {
            if (c.Required) errors.Add(new(c.Id, c.Code, AnswerField.Value, $"Answer {c.Code}: {c.Text}"));
            missing.Add(new(c.Id, c.Code, c.Text, "Not answered"));
            return;
        }
        var needsEvidence = c.Evidence == EvidenceRule.Always || (c.Evidence == EvidenceRule.WhenPassing && check.Passed == true);
        if (needsEvidence && answer.EvidenceLink.Length == 0)
        {
            errors.Add(new(c.Id, c.Code, AnswerField.EvidenceLink, $"Add an evidence link for {c.Code} ({c.ExpectedEvidence.TrimEnd('.')})."));
            missing.Add(new(c.Id, c.Code, c.Text, "No evidence link"));
        }
        if (check.Passed == false)
        {
            missing.Add(new(c.Id, c.Code, c.Text, c.Blocking ? "Below the minimum pass (blocking)" : "Below the minimum pass"));
            // A failed blocking criterion stops the go-live, so the BCM needs the team lead's plan to recover it.
            if (c.Blocking && answer.Comment.Length == 0)
                errors.Add(new(c.Id, c.Code, AnswerField.Comment, $"Explain in the comment for {c.Code} what is being done about it: it is a blocking criterion and the answer does not pass."));
        }
    }
}
