using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Admin;

/// <summary>The PMO maintains business areas (create, rename, move without cycles) and who leads them and is their BCM.</summary>
public sealed class AreaAdmin(ReadinessDbContext db, AdminSupport support)
{
    public static string StampOf(BusinessArea a) => Stamp.Of(a.Name, a.ParentId);

    public async Task<Result<string>> CreateAsync(Actor actor, AreaInput input, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var errors = new List<FieldError>();
            var code = input.Code?.Trim() ?? "";
            if (!AdminSupport.IsCode(code)) errors.Add(new("Code", $"Enter the area's code. {AdminSupport.CodeRule}"));
            else if (await db.BusinessAreas.AnyAsync(a => a.Code == code, ct)) errors.Add(new("Code", $"Area code {code} is already used."));
            if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(new("Name", "Enter the area's name."));
            if (!Enum.IsDefined(input.Kind)) errors.Add(new("Kind", "Choose the kind of area."));
            int? parentId = null;
            if (!string.IsNullOrEmpty(input.ParentCode))
            {
                parentId = await db.BusinessAreas.Where(a => a.Code == input.ParentCode).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
                if (parentId is null) errors.Add(new("ParentCode", "Choose the parent area from the list, or none."));
            }
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            db.BusinessAreas.Add(new BusinessArea(code, input.Name.Trim(), input.Kind, parentId));
            support.Audit(actor, origin, "area.created", "BusinessArea", code, $"(none) → {input.Name.Trim()} ({input.Kind}) under {input.ParentCode ?? "(top)"}");
            return AdminSupport.Done($"Business area {code} created.");
        }, ct);
    }

    /// <summary>Renames an area and/or moves it under another (or to the top); a move under itself or a descendant is refused.</summary>
    public async Task<Result<string>> EditAsync(Actor actor, string code, string name, string? parentCode, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            if (string.IsNullOrWhiteSpace(name)) return Failures.Invalid("Name", "Enter the area's name.");
            var areas = await db.BusinessAreas.ToListAsync(ct);
            var area = areas.FirstOrDefault(a => a.Code == code);
            if (area is null) return Failures.NotFound($"Business area {code}");
            if (StampOf(area) != stamp) return AdminSupport.Stale;
            int? parentId = null;
            if (!string.IsNullOrEmpty(parentCode))
            {
                parentId = areas.FirstOrDefault(a => a.Code == parentCode)?.Id;
                if (parentId is null) return Failures.Invalid("ParentCode", "Choose the parent area from the list, or none.");
            }
            var beforeParent = areas.FirstOrDefault(a => a.Id == area.ParentId)?.Code ?? "(top)";
            var before = $"{area.Name} under {beforeParent}";
            if (!area.MoveUnder(parentId, areas.ToDictionary(a => a.Id, a => a.ParentId)))
                return Failures.Invalid("ParentCode", $"{area.Name} cannot go under {parentCode}: that area is {area.Name} itself or sits inside it.");
            area.Rename(name);
            support.Audit(actor, origin, "area.edited", "BusinessArea", code, $"{before} → {area.Name} under {parentCode ?? "(top)"}");
            return AdminSupport.Done($"Business area {code} saved.");
        }, ct);
    }

    /// <summary>Makes a person a team lead or BCM of an area, giving them the role if they lack it.</summary>
    public async Task<Result<string>> AddMemberAsync(Actor actor, MembershipInput input, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var errors = new List<FieldError>();
            var area = await db.BusinessAreas.FirstOrDefaultAsync(a => a.Code == input.AreaCode, ct);
            if (area is null) errors.Add(new("AreaCode", "Choose the business area."));
            var email = input.UserEmail?.Trim().ToUpperInvariant() ?? "";
            var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
            if (user is null) errors.Add(new("UserEmail", "Choose a person from the list."));
            if (!Enum.IsDefined(input.Role)) errors.Add(new("Role", "Choose team lead or BCM."));
            if (errors.Count == 0 && await db.AreaMemberships.AnyAsync(m => m.BusinessAreaId == area!.Id && m.UserId == user!.Id && m.Role == input.Role, ct))
                errors.Add(new("UserEmail", $"{user!.DisplayName} already has that role in {area!.Name}."));
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var roleName = input.Role == AreaRole.Bcm ? Roles.Bcm : Roles.TeamLead;
            var person = await db.Users.FirstAsync(u => u.Id == user!.Id, ct);
            db.AreaMemberships.Add(new AreaMembership(area!.Id, person.Id, input.Role));
            var roleId = await db.Roles.Where(r => r.Name == roleName).Select(r => r.Id).FirstAsync(ct);
            var granted = !await db.UserRoles.AnyAsync(r => r.UserId == person.Id && r.RoleId == roleId, ct);
            if (granted)
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = person.Id, RoleId = roleId });
                person.SecurityStamp = Guid.NewGuid().ToString();
            }
            support.Audit(actor, origin, "area.member-added", "BusinessArea", area.Code,
                $"{person.Email}: not {roleName} of {area.Code} → {roleName} of {area.Code}{(granted ? $"; given the {roleName} role" : "")}");
            return AdminSupport.Done($"{person.DisplayName} is now {(input.Role == AreaRole.Bcm ? "a BCM" : "a team lead")} of {area.Name}.");
        }, ct);
    }

    public async Task<Result<string>> RemoveMemberAsync(Actor actor, int membershipId, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var m = await db.AreaMemberships.FirstOrDefaultAsync(x => x.Id == membershipId, ct);
            if (m is null) return AdminSupport.Stale;
            var area = await db.BusinessAreas.FirstAsync(a => a.Id == m.BusinessAreaId, ct);
            var email = await db.Users.Where(u => u.Id == m.UserId).Select(u => u.Email).FirstAsync(ct);
            db.AreaMemberships.Remove(m);
            // The TeamLead and BCM roles come from memberships: the last one gone, the role goes too (and the person's
            // sessions are refreshed), so nobody keeps the portfolio pages and exports of a role they no longer hold.
            var roleName = m.Role == AreaRole.Bcm ? Roles.Bcm : Roles.TeamLead;
            var lastOne = !await db.AreaMemberships.AnyAsync(x => x.UserId == m.UserId && x.Role == m.Role && x.Id != m.Id, ct);
            if (lastOne)
            {
                var roleId = await db.Roles.Where(r => r.Name == roleName).Select(r => r.Id).FirstAsync(ct);
                db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == m.UserId && r.RoleId == roleId).ToListAsync(ct));
                var person = await db.Users.FirstAsync(u => u.Id == m.UserId, ct);
                person.SecurityStamp = Guid.NewGuid().ToString();
            }
            support.Audit(actor, origin, "area.member-removed", "BusinessArea", area.Code,
                $"{email}: {m.Role} of {area.Code} → no longer {m.Role}{(lastOne ? $"; the {roleName} role removed (no other {m.Role} membership)" : "")}");
            return AdminSupport.Done($"{email} is no longer {m.Role} of {area.Name}{(lastOne ? $", and no longer has the {roleName} role" : "")}.");
        }, ct);
    }
}
