using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Admin;

/// <summary>The PMO maintains business areas (create, rename, move without cycles) and who leads them and is their BCM.</summary>
public sealed class AreaAdmin(ReadinessDbContext db, AdminSupport support, Memberships memberships)
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
            var person = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
            if (person is null) errors.Add(new("UserEmail", "Choose a person from the list."));
            if (!Enum.IsDefined(input.Role)) errors.Add(new("Role", "Choose team lead or BCM."));
            if (errors.Count == 0 && await db.AreaMemberships.AnyAsync(m => m.BusinessAreaId == area!.Id && m.UserId == person!.Id && m.Role == input.Role, ct))
                errors.Add(new("UserEmail", $"{person!.DisplayName} is already {Article(input.Role)} of {area!.Name}."));
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var granted = await memberships.AddAsync(person!, area!, input.Role, ct);
            support.Audit(actor, origin, "area.member-added", "BusinessArea", area!.Code, Memberships.AddedSummary(person!.Email!, area.Code, input.Role, granted));
            return AdminSupport.Done($"{person.DisplayName} is now {Article(input.Role)} of {area.Name}.");
        }, ct);
    }

    /// <param name="personId">When given (the person page), the membership must be this person's: otherwise it is stale.</param>
    public async Task<Result<string>> RemoveMemberAsync(Actor actor, int membershipId, RequestOrigin origin, CancellationToken ct, string? personId = null)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var m = await db.AreaMemberships.FirstOrDefaultAsync(x => x.Id == membershipId, ct);
            if (m is null || (personId is not null && m.UserId != personId)) return AdminSupport.Stale;
            var area = await db.BusinessAreas.FirstAsync(a => a.Id == m.BusinessAreaId, ct);
            var person = await db.Users.FirstAsync(u => u.Id == m.UserId, ct);
            var lastOne = await memberships.RemoveAsync(m, person, ct);
            var roleName = Memberships.RoleName(m.Role);
            support.Audit(actor, origin, "area.member-removed", "BusinessArea", area.Code, Memberships.RemovedSummary(person.Email!, area.Code, m.Role, lastOne));
            return AdminSupport.Done($"{person.DisplayName} is no longer {Article(m.Role)} of {area.Name}{(lastOne ? $", and no longer has the {roleName} role" : "")}.");
        }, ct);
    }

    private static string Article(AreaRole role) => role == AreaRole.Bcm ? "a BCM" : "a team lead";
}
