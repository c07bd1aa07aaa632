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

    public async Task<bool> CanViewAsync(Actor actor, int businessAreaId, int releaseId, CancellationToken ct)
    {
        if (actor.IsIn(Roles.Pmo)) return true;
        if (await db.AreaMemberships.AnyAsync(m => m.UserId == actor.UserId && m.BusinessAreaId == businessAreaId, ct)) return true;
        return await db.Releases.AnyAsync(r => r.Id == releaseId && r.SroUserId == actor.UserId, ct);
    }
}
