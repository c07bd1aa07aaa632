using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.People;

/// <summary>What the organisation's identity provider says about a person who has just signed in with it.</summary>
/// <param name="Provider">The login provider's name (e.g. "oidc"); <paramref name="Subject"/> is the provider's stable id of the person.</param>
/// <param name="Groups">The group ids the provider sent; mapped to roles by configuration.</param>
public sealed record ExternalIdentity(string Provider, string Subject, string? Email, bool EmailVerified, string? Name, IReadOnlyList<string> Groups);

/// <summary>
/// The first sign-in through the organisation's identity provider provisions the person (name, email) or links the
/// account of the person with that verified email; every sign-in then brings the roles the provider's groups map to
/// into line (roles no group maps to — the area roles from memberships — are left as the PMO set them). A deactivated
/// person is refused. Every change is audited.
/// </summary>
public sealed class ExternalSignIns(ReadinessDbContext db, UnitOfWork unitOfWork, AuditLog audit, ReadinessClock clock, ILookupNormalizer normalizer)
{
    public const string Refused = "Your organisation's account is not allowed into Readiness (it may have been deactivated, or it has no email address). Ask the PMO.";

    /// <param name="groupRoles">Group id → role, from configuration.</param>
    public Task<Result<ReadinessUser>> SignInAsync(ExternalIdentity who, IReadOnlyDictionary<string, string> groupRoles, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            var now = clock.UtcNow;
            var user = await (from l in db.UserLogins
                              join u in db.Users on l.UserId equals u.Id
                              where l.LoginProvider == who.Provider && l.ProviderKey == who.Subject
                              select u).FirstOrDefaultAsync(c);
            var how = "signed in";
            if (user is null)
            {
                if (string.IsNullOrWhiteSpace(who.Email)) return Failures.Forbidden(Refused);
                var normalized = normalizer.NormalizeEmail(who.Email.Trim());
                user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, c);
                // An existing person is linked only on an address the provider has verified: otherwise anyone able to
                // set an address at the provider could take over that person's account here.
                if (user is not null && !who.EmailVerified) return Failures.Forbidden(Refused);
                if (user is null)
                {
                    user = NewPerson(who.Email.Trim(), who.Name);
                    db.Users.Add(user);
                    how = "provisioned on first sign-in";
                }
                else how = "linked to the organisation's account";
                db.UserLogins.Add(new IdentityUserLogin<string> { LoginProvider = who.Provider, ProviderKey = who.Subject, ProviderDisplayName = who.Provider, UserId = user.Id });
            }
            if (!user.IsActive) return Failures.Forbidden(Refused);
            var roleChanges = await SyncRolesAsync(user, who.Groups, groupRoles, c);
            user.LastSignInAtUtc = now;
            if (how != "signed in" || roleChanges.Length > 0)
                audit.Append(new AuditRecord(now, user.Id, null, "person.external-sign-in", "Person", user.Email ?? user.Id, AuditChannel.Web, null, null,
                    $"{user.Email}: {how} through {who.Provider}{roleChanges}"));
            return Result<ReadinessUser>.Ok(user);
        }, ct);

    private ReadinessUser NewPerson(string email, string? name) => new()
    {
        UserName = email,
        NormalizedUserName = normalizer.NormalizeName(email),
        Email = email,
        NormalizedEmail = normalizer.NormalizeEmail(email),
        EmailConfirmed = true,
        DisplayName = string.IsNullOrWhiteSpace(name) ? email : name.Trim(),
        SecurityStamp = Guid.NewGuid().ToString(),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
    };

    /// <summary>The roles some group maps to follow the groups; returns the change in words ("" when none).</summary>
    private async Task<string> SyncRolesAsync(ReadinessUser user, IReadOnlyList<string> groups, IReadOnlyDictionary<string, string> groupRoles, CancellationToken ct)
    {
        var managed = groupRoles.Values.Distinct(StringComparer.Ordinal).ToList();
        if (managed.Count == 0) return "";
        var wanted = groups.Where(groupRoles.ContainsKey).Select(g => groupRoles[g]).ToHashSet(StringComparer.Ordinal);
        var roles = await db.Roles.Where(r => managed.Contains(r.Name!)).ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var held = await db.UserRoles.Where(ur => ur.UserId == user.Id && roles.Values.Contains(ur.RoleId)).ToListAsync(ct);
        var heldNames = held.Select(h => roles.First(r => r.Value == h.RoleId).Key).ToHashSet(StringComparer.Ordinal);
        var added = wanted.Except(heldNames).Order(StringComparer.Ordinal).ToList();
        var removed = heldNames.Except(wanted).Order(StringComparer.Ordinal).ToList();
        foreach (var role in added) db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role] });
        db.UserRoles.RemoveRange(held.Where(h => removed.Contains(roles.First(r => r.Value == h.RoleId).Key)));
        if (added.Count + removed.Count == 0) return "";
        user.SecurityStamp = Guid.NewGuid().ToString();
        return string.Create(CultureInfo.InvariantCulture, $"; roles from groups: {Words(heldNames)} → {Words(wanted)}");
    }

    private static string Words(IEnumerable<string> roles) => roles.Any() ? string.Join(", ", roles.Order(StringComparer.Ordinal)) : "(none)";
}
