using Microsoft.EntityFrameworkCore;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Indicators;

/// <summary>Who may enter readings and act on alerts: the BCM(s) of the indicator's area, the release's SRO, or the PMO.</summary>
public sealed class IndicatorAccess(ReadinessDbContext db)
{
    public async Task<bool> CanManageAsync(Actor actor, LeadIndicator indicator, CancellationToken ct) =>
        actor.IsIn(Roles.Pmo)
        || await db.Releases.AnyAsync(r => r.Id == indicator.ReleaseId && r.SroUserId == actor.UserId, ct)
        || await db.AreaMemberships.AnyAsync(m => m.BusinessAreaId == indicator.BusinessAreaId && m.UserId == actor.UserId && m.Role == AreaRole.Bcm, ct);
}
