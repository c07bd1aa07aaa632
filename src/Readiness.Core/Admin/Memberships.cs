using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Admin;

/// <summary>
/// The one rule for team lead and BCM: the role follows area memberships. Adding a membership gives the role if the
/// person lacks it; removing their last membership of a kind takes the role away. Either renews the person's security
/// stamp, so their sessions pick up the change within a minute. Used by the area page, the person page and the CSV
/// import; the callers check the PMO role, validate and audit (the sentences are here so every caller says the same).
/// </summary>
public sealed class Memberships(ReadinessDbContext db)
{
    public static string RoleName(AreaRole role) => role == AreaRole.Bcm ? Roles.Bcm : Roles.TeamLead;

    /// <summary>"BCM" / "Team lead", as pages and import files say it.</summary>
    public static string Words(AreaRole role) => role == AreaRole.Bcm ? "BCM" : "Team lead";

    /// <summary>Adds the membership; true when the person was also given the role.</summary>
    public async Task<bool> AddAsync(ReadinessUser person, BusinessArea area, AreaRole role, CancellationToken ct)
    {
        db.AreaMemberships.Add(new AreaMembership(area.Id, person.Id, role));
        var roleId = await RoleIdAsync(RoleName(role), ct);
        // Read through the change tracker: within one unit of work (an import) earlier steps are not saved yet.
        await db.UserRoles.Where(r => r.UserId == person.Id).LoadAsync(ct);
        if (db.UserRoles.Local.Any(r => r.UserId == person.Id && r.RoleId == roleId)) return false;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = person.Id, RoleId = roleId });
        person.SecurityStamp = Guid.NewGuid().ToString();
        return true;
    }

    /// <summary>
    /// Removes the membership; true when it was the person's last of its kind and the role went too, so nobody keeps the
    /// portfolio pages and exports of a role they no longer hold.
    /// </summary>
    public async Task<bool> RemoveAsync(AreaMembership membership, ReadinessUser person, CancellationToken ct)
    {
        await db.AreaMemberships.Where(m => m.UserId == person.Id).LoadAsync(ct);
        db.AreaMemberships.Remove(membership);
        // Local leaves out what this unit of work deletes and includes what it adds.
        if (db.AreaMemberships.Local.Any(m => m.UserId == person.Id && m.Role == membership.Role)) return false;
        var roleId = await RoleIdAsync(RoleName(membership.Role), ct);
        await db.UserRoles.Where(r => r.UserId == person.Id).LoadAsync(ct);
        db.UserRoles.RemoveRange(db.UserRoles.Local.Where(r => r.UserId == person.Id && r.RoleId == roleId).ToList());
        person.SecurityStamp = Guid.NewGuid().ToString();
        return true;
    }

    /// <summary>The audit summary of an added membership, before → after.</summary>
    public static string AddedSummary(string email, string areaCode, AreaRole role, bool granted)
    {
        var name = RoleName(role);
        return $"{email}: not {name} of {areaCode} → {name} of {areaCode}{(granted ? $"; given the {name} role" : "")}";
    }

    /// <summary>The audit summary of a removed membership, before → after.</summary>
    public static string RemovedSummary(string email, string areaCode, AreaRole role, bool lastOne)
    {
        var name = RoleName(role);
        return $"{email}: {name} of {areaCode} → not {name} of {areaCode}{(lastOne ? $"; the {name} role removed (no other {name} area)" : "")}";
    }

    private Task<string> RoleIdAsync(string name, CancellationToken ct) => db.Roles.Where(r => r.Name == name).Select(r => r.Id).FirstAsync(ct);
}
