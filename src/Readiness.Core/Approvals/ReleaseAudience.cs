using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Approvals;

/// <summary>Who hears of an SRO's decision on a release (go / no-go, post-go-live review): the impacted areas' BCMs and the PMO.</summary>
public static class ReleaseAudience
{
    public static IQueryable<ReadinessUser> Of(ReadinessDbContext db, int releaseId)
    {
        var areaIds = db.Impacts.Where(i => i.ReleaseId == releaseId).Select(i => i.BusinessAreaId);
        var bcmIds = db.AreaMemberships.Where(m => areaIds.Contains(m.BusinessAreaId) && m.Role == AreaRole.Bcm).Select(m => m.UserId);
        var pmoRole = db.Roles.Where(r => r.Name == Roles.Pmo).Select(r => r.Id);
        var pmoIds = db.UserRoles.Where(ur => pmoRole.Contains(ur.RoleId)).Select(ur => ur.UserId);
        return db.Users.Where(u => bcmIds.Contains(u.Id) || pmoIds.Contains(u.Id));
    }
}
