using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.People;

/// <summary>A person who may be given an approval.</summary>
public sealed record Candidate(string Id, string Name, string Email);

/// <summary>
/// Who may take over a pending approval: for an area return, the active BCMs of its area; for a go / no-go, the active
/// SROs. Never the person who submitted it (nobody approves their own work), nor the approver it is taken from.
/// </summary>
public static class EligibleApprovers
{
    public static async Task<List<Candidate>> ForAsync(ReadinessDbContext db, ApprovalRequest request, CancellationToken ct)
    {
        IQueryable<ReadinessUser> people;
        if (request.Kind == ApprovalKind.AreaReturn)
        {
            var areaId = await db.Assessments.Where(a => a.Id == request.SubjectId).Select(a => a.BusinessAreaId).SingleAsync(ct);
            people = from m in db.AreaMemberships
                     join u in db.Users on m.UserId equals u.Id
                     where m.BusinessAreaId == areaId && m.Role == AreaRole.Bcm
                     select u;
        }
        else
        {
            people = from ur in db.UserRoles
                     join r in db.Roles on ur.RoleId equals r.Id
                     join u in db.Users on ur.UserId equals u.Id
                     where r.Name == Roles.Sro
                     select u;
        }
        return await people
            .Where(u => u.DeactivatedAtUtc == null && u.Id != request.ApproverUserId && u.Id != request.SubmitterUserId)
            .Distinct().OrderBy(u => u.DisplayName)
            .Select(u => new Candidate(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);
    }
}
