using Readiness.Core.Portfolio;

namespace Readiness.Core.Assessments;

/// <summary>
/// My work's read model: one row per return with only what the team lead's list sorts, filters and counts on — the
/// area, whether the gate is a post-go-live review (those are the BCMs' work), the status, when it was submitted and
/// the gate's due date. With its index, counting a team lead's returns and choosing a page reads this table's index
/// alone instead of looking up each return's gate. Kept by <see cref="ReturnSummaries"/> in the same transaction as
/// every change that alters it; overdue is derived from <see cref="DueOn"/> at query time.
/// </summary>
public class ReturnSummary
{
    private ReturnSummary() { }

    internal ReturnSummary(int assessmentId) => AssessmentId = assessmentId;

    public int AssessmentId { get; private set; }
    public int ReleaseId { get; private set; }
    public int BusinessAreaId { get; private set; }

    /// <summary>The return is for a post-go-live review: the area's BCMs review it, so it is not on My work.</summary>
    public bool Review { get; private set; }

    public AssessmentStatus Status { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public DateOnly DueOn { get; private set; }

    /// <summary>Takes the freshly computed values; false when nothing changed (so nothing is written).</summary>
    internal bool Apply(ReturnSummaryValues v)
    {
        var before = (ReleaseId, BusinessAreaId, Review, Status, SubmittedAtUtc, DueOn);
        (ReleaseId, BusinessAreaId, Review, Status, SubmittedAtUtc, DueOn) = (v.ReleaseId, v.BusinessAreaId, v.Review, v.Status, v.SubmittedAtUtc, v.DueOn);
        return before != (ReleaseId, BusinessAreaId, Review, Status, SubmittedAtUtc, DueOn);
    }
}

/// <summary>One return's summary as computed from the portfolio (<see cref="ReturnSummaries.ComputeAsync"/>).</summary>
public sealed record ReturnSummaryValues(int AssessmentId, int ReleaseId, int BusinessAreaId, GateKind Kind, AssessmentStatus Status, DateTime? SubmittedAtUtc, DateOnly DueOn)
{
    public bool Review => Kind == GateKind.PostGoLiveReview;
}
