using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Approvals;

/// <summary>
/// Digests of what a decision is about. A request remembers the digest of what was sent; if the digest of the
/// current content differs, the link is stale and cannot decide (DESIGN §6).
/// </summary>
public static class ContentHashes
{
    /// <summary>The digest of what the request is about as it is now, to compare with what was sent.</summary>
    public static Task<string> CurrentForAsync(ReadinessDbContext db, ApprovalRequest request, CancellationToken ct) => request.Kind switch
    {
        ApprovalKind.AreaReturn => ForReturnAsync(db, request.SubjectId, ct),
        ApprovalKind.PostGoLiveReview => ForReviewAsync(db, request.SubjectId, ct),
        _ => ForGoLiveAsync(db, request.ReleaseId, ct),
    };

    /// <summary>
    /// The post-go-live review: every area's review (status and version) and the release's conditions and hypercare
    /// actions, through the change tracker like the go-live pack. The indicators' readings and the benefits' measurements
    /// shown beside them move daily, so they are not part of what the SRO's link was sent for.
    /// </summary>
    public static async Task<string> ForReviewAsync(ReadinessDbContext db, int gateId, CancellationToken ct)
    {
        var releaseId = await db.Gates.Where(g => g.Id == gateId).Select(g => g.ReleaseId).SingleAsync(ct);
        await db.Assessments.Where(a => a.GateId == gateId).LoadAsync(ct);
        await db.ApprovalConditions.Where(c => c.ReleaseId == releaseId).LoadAsync(ct);
        var reviews = db.Assessments.Local.Where(a => a.GateId == gateId).OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.Status}:{a.Version}");
        var conditions = db.ApprovalConditions.Local.Where(c => c.ReleaseId == releaseId)
            .Select(c => $"{c.DueOffsetDays}:{c.IsMet}:{c.Owner}:{c.Description}").Order(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', reviews.Concat(conditions)))));
    }

    public static async Task<string> ForReturnAsync(ReadinessDbContext db, int assessmentId, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Answers).SingleAsync(a => a.Id == assessmentId, ct);
        return assessment.ContentHash();
    }

    /// <summary>
    /// The go-live pack: every readiness return's status, RAG and version, every condition with whether it is met, and the
    /// failing criteria with their waivers.
    /// Read through the change tracker, so what the current unit of work changed (the last approval, the conditions it
    /// came with) counts as it will be saved: the SRO's request, made in that unit of work, is current from the start.
    /// Conditions are hashed by content, not id: a condition created in the unit of work has no id yet.
    /// </summary>
    public static async Task<string> ForGoLiveAsync(ReadinessDbContext db, int releaseId, CancellationToken ct)
    {
        var readinessGates = await db.Gates.Where(g => g.ReleaseId == releaseId && g.Kind == GateKind.Readiness).Select(g => g.Id).ToListAsync(ct);
        await db.Assessments.Where(a => a.ReleaseId == releaseId).LoadAsync(ct);
        await db.ApprovalConditions.Where(c => c.ReleaseId == releaseId).LoadAsync(ct);
        var returns = db.Assessments.Local.Where(a => a.ReleaseId == releaseId && readinessGates.Contains(a.GateId)).OrderBy(a => a.Id)
            .Select(a => $"{a.Id}:{a.Status}:{a.Rag}:{a.Version}");
        var conditions = db.ApprovalConditions.Local.Where(c => c.ReleaseId == releaseId)
            .Select(c => $"{c.DueOffsetDays}:{c.IsMet}:{c.Owner}:{c.Description}").Order(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', returns.Concat(conditions).Concat(await FailuresAndWaiversAsync(db, releaseId, readinessGates, ct))))));
    }

    /// <summary>
    /// The failing criteria of the submitted returns and the waivers on them (issue 10: the pack's digest covers what the SRO
    /// is told failed and what was let through), waivers by content as the tracker holds them (one added in this unit of work counts).
    /// </summary>
    private static async Task<IEnumerable<string>> FailuresAndWaiversAsync(ReadinessDbContext db, int releaseId, List<int> readinessGates, CancellationToken ct)
    {
        var submitted = db.Assessments.Local.Where(a => a.ReleaseId == releaseId && readinessGates.Contains(a.GateId) && !a.IsEditable).Select(a => a.Id).ToList();
        var failing = await ReturnFailures.ForAsync(db, submitted, ct);
        await db.Waivers.Where(w => submitted.Contains(w.AssessmentId)).LoadAsync(ct);
        var waivers = db.Waivers.Local.Where(w => submitted.Contains(w.AssessmentId))
            .Select(w => $"W{w.AssessmentId}:{w.CriterionId}:{w.ExpiresOn:yyyy-MM-dd}:{w.Reason}").Order(StringComparer.Ordinal);
        return failing.OrderBy(f => f.Key).SelectMany(f => f.Value.Select(c => $"F{f.Key}:{c.CriterionId}")).Concat(waivers);
    }
}
