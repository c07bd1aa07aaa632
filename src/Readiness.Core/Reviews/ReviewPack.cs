using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Benefits;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;

namespace Readiness.Core.Reviews;

/// <summary>One area's post-go-live review as the SRO sees it: its status, score, RAG and the BCM's overall rating (RR-03).</summary>
public sealed record ReviewArea(int AssessmentId, string AreaCode, string AreaName, AssessmentStatus Status, Rag? Rag, decimal? Score, Rag? Overall,
    string? SubmittedBy, DateTime? SubmittedAtUtc);

/// <summary>
/// The SRO's post-go-live review pack: each area's review and its failing criteria, the lead indicators and the hypercare
/// exit, the benefits against their profiles (pulled in from the indicator and benefit registers, never retyped), the
/// release's open conditions and hypercare actions, the workflow's state and the SRO's decision once made.
/// </summary>
public sealed record ReviewPack(
    int ReleaseId, string ReleaseCode, string ReleaseName, ReleaseStatus ReleaseStatus, DateOnly GoLive, DateOnly DueOn, string? State,
    IReadOnlyList<ReviewArea> Areas, PackFailures Failures, ReleaseIndicators Indicators, IReadOnlyList<BenefitView> Benefits,
    IReadOnlyList<PackCondition> OpenConditions, PackDecision? Decision, int? MyPendingRequestId)
{
    public int Submitted => Areas.Count(a => !a.Status.IsEditableStatus());
    public bool Started => Areas.Count > 0;
}

public sealed class ReviewPackQueries(ReadinessDbContext db, IndicatorQueries indicators, BenefitQueries benefits, WorkflowCatalog catalog)
{
    /// <summary>The review of release <paramref name="releaseId"/>; null when the release has no post-go-live review gate.</summary>
    public async Task<ReviewPack?> ForReleaseAsync(Actor actor, int releaseId, CancellationToken ct)
    {
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == releaseId, ct);
        var gate = await db.Gates.AsNoTracking().FirstOrDefaultAsync(g => g.ReleaseId == releaseId && g.Kind == GateKind.PostGoLiveReview, ct);
        if (release is null || gate is null) return null;
        var rows = await (from a in db.Assessments
                          join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                          where a.GateId == gate.Id
                          orderby area.Name
                          select new { a.Id, area.Code, area.Name, a.Status, a.Rag, a.Score, a.SubmittedByUserId, a.SubmittedAtUtc }).AsNoTracking().ToListAsync(ct);
        var overall = await PackRatings.TeamLeadRatingsAsync(db, rows.Where(r => !r.Status.IsEditableStatus()).Select(r => r.Id).ToList(), ct);
        var requests = await db.ApprovalRequests.AsNoTracking().Where(r => r.Kind == ApprovalKind.PostGoLiveReview && r.SubjectId == gate.Id).OrderBy(r => r.Id).ToListAsync(ct);
        var userIds = rows.Select(r => r.SubmittedByUserId).Concat(requests.SelectMany(r => new[] { r.DecidedByUserId, r.OnBehalfOfUserId })).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Name(string? id) => id is null ? null : names.GetValueOrDefault(id);

        var areas = rows.Select(r => new ReviewArea(r.Id, r.Code, r.Name, r.Status, r.Rag, r.Score, overall.GetValueOrDefault(r.Id), Name(r.SubmittedByUserId), r.SubmittedAtUtc)).ToList();
        var failures = await PackFailures.ForAsync(db, areas.Select(a => new PackArea(a.AssessmentId, a.AreaCode, a.AreaName, a.Status, a.Rag, a.Score, null, null, null, null, "")).ToList(), ct);
        var decided = requests.LastOrDefault(r => r.Status == ApprovalStatus.Decided);
        var decision = decided is null ? null : new PackDecision(decided.Decision!.Value, null, decided.Comment, Name(decided.DecidedByUserId) ?? "", Name(decided.OnBehalfOfUserId), decided.DecidedAtUtc!.Value);
        var mine = requests.LastOrDefault(r => r.Status == ApprovalStatus.Pending && r.ApproverUserId == actor.UserId)?.Id;
        var conditions = await db.ApprovalConditions.AsNoTracking().Where(c => c.ReleaseId == releaseId && c.MetAtUtc == null).OrderBy(c => c.DueOffsetDays).ToListAsync(ct);
        var open = conditions.Select(c => new PackCondition(c.Id, c.Description, c.Owner, c.DueOffsetDays, release.GoLive.AddDays(c.DueOffsetDays), false, "", null)).ToList();
        var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.SubjectKind == SubjectKinds.Gate && i.SubjectId == gate.Id, ct);
        var state = instance is null ? null : (await catalog.ForSnapshotAsync(db, instance.SnapshotId, ct)).State(instance.State).Title;
        return new ReviewPack(release.Id, release.Code, release.Name, release.Status, release.GoLive, gate.DueOn(release.GoLive), state, areas, failures,
            await indicators.ForReleaseAsync(release.Id, ct), await benefits.ForReleaseAsync(actor, release.Id, ct), open, decision, mine);
    }
}

internal static class ReviewStatusExtensions
{
    public static bool IsEditableStatus(this AssessmentStatus s) => s is AssessmentStatus.NotStarted or AssessmentStatus.Draft or AssessmentStatus.Returned;
}
