using Readiness.Core.Common;

namespace Readiness.Core.Assessments;

/// <summary>
/// A return: one business area's answers to one template version for one gate of one release.
/// State changes go through methods so the invariants (editable only before submission, versioned saves) hold.
/// </summary>
public class Assessment
{
    private Assessment() { }

    /// <summary>A return for a gate possibly created in the same unit of work (its id is set on commit).</summary>
    public Assessment(int releaseId, Portfolio.Gate gate, int businessAreaId, int templateId, DateTime createdAtUtc)
        : this(releaseId, gate.Id, businessAreaId, templateId, createdAtUtc)
    {
        Gate = gate;
    }

    public Assessment(int releaseId, int gateId, int businessAreaId, int templateId, DateTime createdAtUtc)
    {
        ReleaseId = releaseId;
        GateId = gateId;
        BusinessAreaId = businessAreaId;
        TemplateId = templateId;
        CreatedAtUtc = createdAtUtc;
    }

    public int Id { get; private set; }
    public int ReleaseId { get; private set; }
    public int GateId { get; private set; }
    public Portfolio.Gate? Gate { get; private set; }
    public int BusinessAreaId { get; private set; }
    public int TemplateId { get; private set; }
    public AssessmentStatus Status { get; private set; }

    /// <summary>App-managed concurrency token: bumped on every save, checked by EF on update.</summary>
    public int Version { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? LastSavedAtUtc { get; private set; }
    public string? LastSavedByUserId { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public string? SubmittedByUserId { get; private set; }

    /// <summary>Weighted score (0–100) recorded at submission. Always recomputable from the answers.</summary>
    public decimal? Score { get; private set; }
    public Rag? Rag { get; private set; }

    /// <summary>
    /// How many applicable criteria were answered below their minimum pass, recorded at submission with the score (the
    /// gate tracker counts them without rescoring every return). Null before the first submission.
    /// </summary>
    public int? FailingCriteria { get; private set; }

    /// <summary>
    /// How many of the answers have a value, kept by <see cref="SaveDraft"/> (the only way answers change) so that lists
    /// show a return's progress without counting its answers: My work counted them per row, a tenth of its request.
    /// </summary>
    public int AnsweredCriteria { get; private set; }

    public List<Answer> Answers { get; private set; } = [];

    public bool IsEditable => Status is AssessmentStatus.NotStarted or AssessmentStatus.Draft or AssessmentStatus.Returned;

    public bool IsApproved => Status is AssessmentStatus.Approved or AssessmentStatus.ApprovedWithConditions;

    /// <summary>
    /// Applies the answers a person changed in their form. An answer someone else changed since the form was
    /// opened is not overwritten: it comes back as a conflict so nothing is lost silently.
    /// </summary>
    public DraftSaveOutcome SaveDraft(IEnumerable<AnswerChange> changes, string userId, DateTime nowUtc)
    {
        if (!IsEditable) throw new InvalidOperationException($"Return {Id} is {Status} and cannot be changed.");
        var conflicts = new List<AnswerConflict>();
        var applied = 0;
        foreach (var change in changes)
        {
            var posted = change.Content;
            if (posted.Fingerprint == change.BaseFingerprint) continue; // left alone in this form
            var existing = Answers.FirstOrDefault(a => a.CriterionId == change.CriterionId);
            var current = existing is null ? AnswerContent.Empty : new AnswerContent(existing.Value, existing.EvidenceLink, existing.Comment);
            if (posted == current) continue; // someone already saved the same thing
            // No saved answer means nothing can be overwritten, whatever revision the form claims.
            if (existing is not null && existing.Revision != change.BaseRevision)
            {
                conflicts.Add(new AnswerConflict(change.CriterionId, current, posted, existing.AnsweredByUserId, existing.AnsweredAtUtc));
                continue;
            }
            if (existing is null)
            {
                existing = new Answer(change.CriterionId);
                Answers.Add(existing);
            }
            existing.Set(posted, userId, nowUtc);
            applied++;
        }
        if (applied > 0)
        {
            AnsweredCriteria = Answers.Count(a => a.Value.Length > 0);
            if (Status == AssessmentStatus.NotStarted) Status = AssessmentStatus.Draft;
            Version++;
            LastSavedAtUtc = nowUtc;
            LastSavedByUserId = userId;
        }
        return new DraftSaveOutcome(applied, conflicts);
    }

    /// <summary>Records the submission. The caller has validated the answers against the template.</summary>
    public void Submit(string userId, DateTime nowUtc, ScoreCard card)
    {
        if (!IsEditable) throw new InvalidOperationException($"Return {Id} is already {Status}.");
        if (card.Errors.Count > 0) throw new InvalidOperationException("A return with validation errors cannot be submitted.");
        Status = AssessmentStatus.Submitted;
        SubmittedAtUtc = nowUtc;
        SubmittedByUserId = userId;
        Score = card.Score;
        Rag = card.Rag;
        FailingCriteria = card.Failing.Count();
        Version++;
    }

    /// <summary>Records the failure count of a return submitted before failures were counted (start-up back-fill).</summary>
    public void RecordFailingCriteria(int count)
    {
        if (SubmittedAtUtc is null) throw new InvalidOperationException($"Return {Id} has not been submitted.");
        FailingCriteria = count;
    }

    /// <summary>The BCM sent it back: the team lead can change it and submit again.</summary>
    public void MarkReturned(DateTime nowUtc)
    {
        if (Status != AssessmentStatus.Submitted) throw new InvalidOperationException($"Return {Id} is {Status}, not with the BCM.");
        Status = AssessmentStatus.Returned;
        LastSavedAtUtc = nowUtc;
        Version++;
    }

    public void MarkApproved(bool withConditions)
    {
        if (Status != AssessmentStatus.Submitted) throw new InvalidOperationException($"Return {Id} is {Status}, not with the BCM.");
        Status = withConditions ? AssessmentStatus.ApprovedWithConditions : AssessmentStatus.Approved;
        Version++;
    }

    /// <summary>
    /// Digest of what a decision is about: the answers as submitted. A link sent for one content cannot decide on
    /// another (DESIGN §6, stale packs).
    /// </summary>
    public string ContentHash() =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Join('\n', Answers.OrderBy(a => a.CriterionId).Select(a => $"{a.CriterionId}:{a.Fingerprint}")))));
}

/// <summary>One answer as posted from a form, with the revision and fingerprint the form was opened on.</summary>
public sealed record AnswerChange(int CriterionId, AnswerContent Content, int BaseRevision, string BaseFingerprint);

/// <summary>An answer changed by someone else since the form was opened: theirs is kept, yours is shown back.</summary>
public sealed record AnswerConflict(int CriterionId, AnswerContent Theirs, AnswerContent Yours, string TheirUserId, DateTime TheirTimeUtc);

public sealed record DraftSaveOutcome(int Applied, IReadOnlyList<AnswerConflict> Conflicts);
