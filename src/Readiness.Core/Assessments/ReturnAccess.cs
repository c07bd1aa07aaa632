using Microsoft.EntityFrameworkCore;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Assessments;

/// <summary>
/// Who may see and who may change a return. Only the area's team leads edit it; its BCMs, the release's SRO
/// and the PMO may read it; everyone else is told it does not exist (so ids cannot be probed).
/// </summary>
public sealed class ReturnAccess(ReadinessDbContext db)
{
    public Task<bool> CanEditAsync(Actor actor, int businessAreaId, CancellationToken ct) =>
        db.AreaMemberships.AnyAsync(m => m.UserId == actor.UserId && m.BusinessAreaId == businessAreaId && m.Role == AreaRole.TeamLead, ct);

    /// <summary>
    /// A readiness return is its area's team leads' to change; a post-go-live review its area's BCMs' (the review after
    /// go-live is the Business Change Managers', decided by the SRO).
    /// </summary>
    public async Task<bool> CanEditAsync(Actor actor, Assessment assessment, CancellationToken ct)
    {
        var role = await IsReviewAsync(assessment, ct) ? AreaRole.Bcm : AreaRole.TeamLead;
        return await db.AreaMemberships.AnyAsync(m => m.UserId == actor.UserId && m.BusinessAreaId == assessment.BusinessAreaId && m.Role == role, ct);
    }

    public async Task<string> EditRefusalAsync(Assessment assessment, CancellationToken ct) => await IsReviewAsync(assessment, ct)
        ? "Only a Business Change Manager of this business area can change its post-go-live review."
        : "Only a team lead of this business area can change its return.";

    private Task<bool> IsReviewAsync(Assessment assessment, CancellationToken ct) =>
        db.Gates.AnyAsync(g => g.Id == assessment.GateId && g.Kind == Portfolio.GateKind.PostGoLiveReview, ct);

    public async Task<bool> CanViewAsync(Actor actor, int businessAreaId, int releaseId, CancellationToken ct)
    {
        if (actor.IsIn(Roles.Pmo)) return true;
        if (await db.AreaMemberships.AnyAsync(m => m.UserId == actor.UserId && m.BusinessAreaId == businessAreaId, ct)) return true;
        return await db.Releases.AnyAsync(r => r.Id == releaseId && r.SroUserId == actor.UserId, ct);
    }
}
