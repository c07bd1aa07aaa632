using Readiness.Core.Templates;

namespace Readiness.Core.Assessments;

/// <summary>The saved state of one answer, with what a form needs to detect a concurrent change.</summary>
public sealed record AnswerState(AnswerContent Content, int Revision, string? AnsweredBy, DateTime? AnsweredAtUtc)
{
    public static readonly AnswerState Empty = new(AnswerContent.Empty, 0, null, null);
    public string Fingerprint => Content.Fingerprint;
}

/// <summary>Everything the return pages show: the return, its template, answers and computed score card.</summary>
public sealed record ReturnView(
    int AssessmentId,
    int Version,
    AssessmentStatus Status,
    int ReleaseId,
    string ReleaseCode,
    string ReleaseName,
    DateOnly GoLive,
    string GateName,
    DateOnly DueOn,
    string AreaName,
    QuestionnaireTemplate Template,
    IReadOnlyDictionary<int, AnswerState> Answers,
    ScoreCard Card,
    bool CanEdit,
    string? SubmittedBy,
    DateTime? SubmittedAtUtc,
    string? LastSavedBy,
    DateTime? LastSavedAtUtc)
{
    public AnswerState AnswerFor(int criterionId) => Answers.TryGetValue(criterionId, out var a) ? a : AnswerState.Empty;

    public IEnumerable<CriterionOutcome> OutcomesOf(TemplateSection section) =>
        Card.Outcomes.Where(o => section.Criteria.Contains(o.Criterion));
}
