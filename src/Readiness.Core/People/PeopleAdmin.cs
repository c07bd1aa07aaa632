using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.People;

/// <summary>What the PMO enters to invite a person.</summary>
public sealed record InviteInput(string? Email, string? DisplayName, IReadOnlyList<string> Roles);

/// <summary>
/// People joining, moving and leaving (PMO only, every change audited before → after): invite, deactivate (signed out
/// everywhere, their decision links dead, their pending approvals listed for reassignment), reactivate, and the roles
/// that do not come from area memberships (SRO, PMO). Team lead and BCM follow memberships (<see cref="Admin.AreaAdmin"/>).
/// </summary>
public sealed class PeopleAdmin(ReadinessDbContext db, UnitOfWork unitOfWork, AuditLog audit, ReadinessClock clock, ILookupNormalizer normalizer,
    UserManager<ReadinessUser> users, Outbox outbox, ApprovalSettings settings, ApprovalRequester requester, ApprovalEmails emails)
{
    public const string NotPmo = "Only the PMO can manage people.";

    /// <summary>The roles set here; team lead and BCM come from area memberships.</summary>
    public static readonly IReadOnlyList<string> DirectRoles = [Roles.Sro, Roles.Pmo];

    /// <summary>Identity keeps up to 256 characters of an email address.</summary>
    public const int MaxEmailLength = 256;

    /// <summary>A bare address (name@example.org): not "Name &lt;address&gt;", which MailAddress would also take, and short enough to store.</summary>
    public static bool IsEmail(string email) =>
        email.Length <= MaxEmailLength && MailAddress.TryCreate(email, out var address) && address.Address == email && address.DisplayName.Length == 0;

    /// <summary>Creates the person and, when password sign-in is on, emails them a single-use link to set their password.</summary>
    public Task<Result<string>> InviteAsync(Actor actor, InviteInput input, bool withPasswordLink, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            if (!actor.IsIn(Roles.Pmo)) return Failures.Forbidden(NotPmo);
            var errors = new List<FieldError>();
            var email = input.Email?.Trim() ?? "";
            if (!IsEmail(email)) errors.Add(new("Email", "Enter an email address like name@example.org."));
            else if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizer.NormalizeEmail(email), c)) errors.Add(new("Email", $"{email} already has an account: find them in the list instead."));
            var name = input.DisplayName?.Trim() ?? "";
            if (name.Length is 0 or > TextLimits.Name) errors.Add(new("DisplayName", "Enter the person's name (up to 500 characters)."));
            var unknown = input.Roles.Where(r => !DirectRoles.Contains(r)).ToList();
            if (unknown.Count > 0) errors.Add(new("Roles", "Choose SRO or PMO; team lead and BCM are given by adding the person to a business area."));
            if (errors.Count > 0) return Failures.Invalid(errors);

            var person = await AddInvitedAsync(actor, origin, email, name, input.Roles, withPasswordLink, "", c);
            return Result<string>.Ok(person.Id);
        }, ct);

    /// <summary>
    /// Deactivates a person: they cannot sign in (by password or provider), every session ends at its next check (new
    /// security stamp), and every pending decision link of theirs stops working at once. Their pending approvals stay
    /// open for the PMO to reassign (see <see cref="ReassignAsync"/>), so no gate loses its approval.
    /// </summary>
    public Task<Result<string>> DeactivateAsync(Actor actor, string personId, string stamp, RequestOrigin origin, CancellationToken ct) =>
        Change(actor, personId, stamp, async (person, c) =>
        {
            if (person.Id == actor.UserId) return Failures.Invalid("Person", "You cannot deactivate yourself: ask another PMO.");
            if (!person.IsActive) return Failures.Conflict($"{person.DisplayName} is already deactivated.");
            person.DeactivatedAtUtc = clock.UtcNow;
            person.LockoutEnabled = true;
            person.LockoutEnd = DateTimeOffset.MaxValue;
            person.SecurityStamp = Guid.NewGuid().ToString();
            var pending = await db.ApprovalRequests.Where(r => r.ApproverUserId == person.Id && r.Status == ApprovalStatus.Pending).ToListAsync(c);
            foreach (var request in pending) request.RevokeLink();
            Audit(actor, origin, "person.deactivated", person.Email!, $"{person.Email}: active → deactivated; signed out everywhere; {pending.Count} pending decision link(s) revoked");
            return Result<string>.Ok(pending.Count == 0
                ? $"{person.DisplayName} is deactivated."
                : $"{person.DisplayName} is deactivated. Reassign their {pending.Count} pending approval(s) below.");
        }, ct);

    public Task<Result<string>> ReactivateAsync(Actor actor, string personId, string stamp, RequestOrigin origin, CancellationToken ct) =>
        Change(actor, personId, stamp, (person, _) =>
        {
            if (person.IsActive) return Task.FromResult<Result<string>>(Failures.Conflict($"{person.DisplayName} is already active."));
            person.DeactivatedAtUtc = null;
            person.LockoutEnd = null;
            person.AccessFailedCount = 0;
            Audit(actor, origin, "person.reactivated", person.Email!, $"{person.Email}: deactivated → active");
            return Task.FromResult(Result<string>.Ok($"{person.DisplayName} can sign in again."));
        }, ct);

    /// <summary>Sets the person's SRO and PMO roles; the change reaches their session at its next check.</summary>
    public Task<Result<string>> SetRolesAsync(Actor actor, string personId, IReadOnlyList<string> roles, string stamp, RequestOrigin origin, CancellationToken ct) =>
        Change(actor, personId, stamp, async (person, c) =>
        {
            if (roles.Any(r => !DirectRoles.Contains(r))) return Failures.Invalid("Roles", "Choose SRO or PMO; team lead and BCM follow the person's business areas.");
            if (person.Id == actor.UserId && !roles.Contains(Roles.Pmo)) return Failures.Invalid("Roles", "You cannot take the PMO role from yourself: ask another PMO.");
            var before = await DirectRolesOfAsync(person.Id, c);
            if (before.Order().SequenceEqual(roles.Order())) return Result<string>.Ok($"{person.DisplayName}'s roles are unchanged.");
            if (before.Contains(Roles.Sro) && !roles.Contains(Roles.Sro))
            {
                // The go / no-go decisions of these releases go to their SRO: without the role they would reach no one who may decide.
                var owned = await db.Releases.Where(r => r.SroUserId == person.Id && r.Status != ReleaseStatus.Closed).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(c);
                if (owned.Count > 0)
                    return Failures.Invalid("Roles", $"{person.DisplayName} is the SRO of {string.Join(", ", owned)}: give {(owned.Count == 1 ? "that release" : "those releases")} another SRO first (Administration → the release), then remove the role.");
            }
            await ChangeDirectRolesAsync(actor, origin, person, before, roles, "", c);
            return Result<string>.Ok($"{person.DisplayName}'s roles are saved.");
        }, ct);

    /// <summary>Gives a deactivated person's pending approval to someone eligible; the new approver is emailed a link.</summary>
    public Task<Result<string>> ReassignAsync(Actor actor, int requestId, string? toUserId, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            if (!actor.IsIn(Roles.Pmo)) return Failures.Forbidden(NotPmo);
            var request = await db.ApprovalRequests.FirstOrDefaultAsync(r => r.Id == requestId, c);
            if (request is null || !request.IsPending) return Failures.Stale("That approval is no longer waiting: it was decided or reassigned meanwhile.");
            var eligible = await EligibleApprovers.ForAsync(db, request, c);
            if (toUserId is null || !eligible.Any(e => e.Id == toUserId)) return Failures.Invalid("ToUserId", "Choose who should decide it from the list.");
            var from = await db.Users.Where(u => u.Id == request.ApproverUserId).Select(u => u.Email).SingleAsync(c);
            var compose = request.Kind == ApprovalKind.AreaReturn
                ? await emails.ForReturnAsync(request.SubjectId, "review it in place of an approver who has left", c)
                : await emails.ForGoLiveAsync(request.SubjectId, c);
            await requester.ReassignAsync(request, toUserId, request.OnBehalfOfUserId ?? request.ApproverUserId, compose, c);
            var to = eligible.First(e => e.Id == toUserId);
            Audit(actor, origin, "approval.reassigned", requestId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"approver {from} → {to.Email}");
            return Result<string>.Ok($"{to.Name} has been emailed a link to decide it.");
        }, ct);

    private Task<Result<string>> Change(Actor actor, string personId, string stamp, Func<ReadinessUser, CancellationToken, Task<Result<string>>> change, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            if (!actor.IsIn(Roles.Pmo)) return Failures.Forbidden(NotPmo);
            var person = await db.Users.FirstOrDefaultAsync(u => u.Id == personId, c);
            if (person is null) return Failures.NotFound("That person");
            if (person.ConcurrencyStamp != stamp) return Failures.Stale($"{person.DisplayName} was changed by someone else meanwhile: the page now shows the latest.");
            person.ConcurrencyStamp = Guid.NewGuid().ToString();
            return await change(person, c);
        }, ct);

    /// <summary>
    /// Adds the person with their SRO / PMO roles and, with password sign-in, emails them a single-use link to set their
    /// password; audited. The invite page and the CSV import (<paramref name="via"/>: " (CSV import)") both come here.
    /// </summary>
    internal async Task<ReadinessUser> AddInvitedAsync(Actor actor, RequestOrigin origin, string email, string name, IReadOnlyList<string> roles, bool withPasswordLink, string via, CancellationToken ct)
    {
        var person = new ReadinessUser
        {
            UserName = email, NormalizedUserName = normalizer.NormalizeName(email), Email = email, NormalizedEmail = normalizer.NormalizeEmail(email),
            EmailConfirmed = true, DisplayName = name, SecurityStamp = Guid.NewGuid().ToString(), ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
        };
        db.Users.Add(person);
        await SetDirectRolesAsync(person, roles, ct);
        if (withPasswordLink)
        {
            // Identity's reset token is bound to the security stamp: setting the password changes the stamp, so the
            // link works once; its lifetime is DataProtectionTokenProviderOptions.TokenLifespan.
            var token = await users.GeneratePasswordResetTokenAsync(person);
            var link = settings.Link($"Account/SetPassword?person={Uri.EscapeDataString(person.Id)}&token={Uri.EscapeDataString(token)}");
            outbox.Enqueue(new Email("person.invited", email, name, "You have been invited to Readiness",
                "The PMO has given you an account in Readiness, the go-live readiness system. Set your password to sign in.",
                [("Roles", roles.Count == 0 ? "none yet (the PMO adds you to your business areas)" : string.Join(", ", roles))], [],
                "Set your password", link, "The link works once and expires in 7 days. If it has expired, ask the PMO to invite you again."));
        }
        Audit(actor, origin, "person.invited", email, $"no account → {email} ({name}), roles {Words(roles)}{(withPasswordLink ? ", set-password link emailed" : ", signs in with the organisation's account")}{via}");
        return person;
    }

    /// <summary>Sets the person's SRO / PMO roles from <paramref name="before"/> to <paramref name="after"/>: sessions refreshed, audited.</summary>
    internal async Task ChangeDirectRolesAsync(Actor actor, RequestOrigin origin, ReadinessUser person, IReadOnlyList<string> before, IReadOnlyList<string> after, string via, CancellationToken ct)
    {
        await SetDirectRolesAsync(person, after, ct);
        person.SecurityStamp = Guid.NewGuid().ToString();
        Audit(actor, origin, "person.roles-changed", person.Email!, $"{person.Email}: {Words(before)} → {Words(after)}{via}");
    }

    /// <summary>Renames the person (sessions show the new name at their next check); audited.</summary>
    internal void Rename(Actor actor, RequestOrigin origin, ReadinessUser person, string name, string via)
    {
        Audit(actor, origin, "person.renamed", person.Email!, $"{person.Email}: {person.DisplayName} → {name}{via}");
        person.DisplayName = name;
    }

    internal async Task<List<string>> DirectRolesOfAsync(string personId, CancellationToken ct) =>
        await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
               where ur.UserId == personId && DirectRoles.Contains(r.Name!) select r.Name!).ToListAsync(ct);

    private async Task SetDirectRolesAsync(ReadinessUser person, IReadOnlyList<string> wanted, CancellationToken ct)
    {
        var roles = await db.Roles.Where(r => DirectRoles.Contains(r.Name!)).ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        // Read through the change tracker: within one unit of work (an import) earlier changes are not saved yet.
        await db.UserRoles.Where(ur => ur.UserId == person.Id).LoadAsync(ct);
        var held = db.UserRoles.Local.Where(ur => ur.UserId == person.Id && roles.ContainsValue(ur.RoleId)).ToList();
        db.UserRoles.RemoveRange(held.Where(h => !wanted.Any(w => roles[w] == h.RoleId)));
        foreach (var role in wanted.Distinct().Where(w => !held.Any(h => h.RoleId == roles[w])))
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = person.Id, RoleId = roles[role] });
    }

    private void Audit(Actor actor, RequestOrigin origin, string action, string subject, string summary) =>
        audit.Append(new AuditRecord(clock.UtcNow, actor.UserId, null, action, "Person", subject, AuditChannel.Web, origin.IpAddress, origin.UserAgent, summary));

    internal static string Words(IEnumerable<string> roles) => roles.Any() ? string.Join(", ", roles.Order(StringComparer.Ordinal)) : "(no direct role)";
}
