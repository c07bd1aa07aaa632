using Readiness.Core.Assessments;
using Readiness.Core.Templates;

namespace Readiness.Web.Pages.Assessments;

/// <summary>One criterion's inputs as posted by the return form.</summary>
public sealed class AnswerInput
{
    public int CriterionId { get; set; }
    public string? Value { get; set; }
    public string? EvidenceLink { get; set; }
    public string? Comment { get; set; }

    /// <summary>The answer's revision when the form was opened.</summary>
    public int BaseRevision { get; set; }

    /// <summary>The answer's fingerprint when the form was opened: tells "left alone" from "changed".</summary>
    public string BaseFingerprint { get; set; } = "";

    public AnswerChange ToChange() => new(CriterionId, AnswerContent.From(Value, EvidenceLink, Comment), BaseRevision, BaseFingerprint);
}

/// <summary>What the form shows for one criterion: its current inputs, their errors and any conflict.</summary>
public sealed record FieldState(
    CriterionOutcome Outcome,
    AnswerContent Shown,
    int BaseRevision,
    string BaseFingerprint,
    IReadOnlyDictionary<AnswerField, string> Errors,
    NamedConflict? Conflict)
{
    public Criterion Criterion => Outcome.Criterion;
    public string? ErrorFor(AnswerField f) => Errors.TryGetValue(f, out var e) ? e : null;
    public bool HasErrors => Errors.Count > 0 || Conflict is not null;
}
