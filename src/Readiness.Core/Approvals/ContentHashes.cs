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
    public static Task<string> CurrentForAsync(ReadinessDbContext db, ApprovalRequest request, CancellationToken ct) =>
        request.Kind == ApprovalKind.AreaReturn ? ForReturnAsync(db, request.SubjectId, ct) : ForGoLiveAsync(db, request.ReleaseId, ct);

    public static async Task<string> ForReturnAsync(ReadinessDbContext db, int assessmentId, CancellationToken ct)
    {
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Answers).SingleAsync(a => a.Id == assessmentId, ct);
        return assessment.ContentHash();
    }

    /// <summary>The go-live pack: every readiness return's status and RAG, and every condition with whether it is met.</summary>
    public static async Task<string> ForGoLiveAsync(ReadinessDbContext db, int releaseId, CancellationToken ct)
    {
        var returns = await (from a in db.Assessments
                             join g in db.Gates on a.GateId equals g.Id
                             where a.ReleaseId == releaseId && g.Kind == GateKind.Readiness
                             orderby a.Id
                             select $"{a.Id}:{a.Status}:{a.Rag}:{a.Version}").ToListAsync(ct);
        var conditions = await db.ApprovalConditions.Where(c => c.ReleaseId == releaseId).OrderBy(c => c.Id)
            .Select(c => $"{c.Id}:{c.DueOffsetDays}:{c.MetAtUtc != null}").ToListAsync(ct);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', returns.Concat(conditions)))));
    }
}
