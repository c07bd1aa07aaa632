using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Approvals;

public sealed record DelegationRow(int Id, string FromName, string ToName, DateOnly StartsOn, DateOnly EndsOn, bool Cancelled, bool Outgoing);

public sealed record Person(string Id, string Name, string Email);

/// <summary>
/// A BCM or SRO hands their decisions to a named person for a date range. New requests in the range go to the
/// delegate; requests already waiting are reassigned when the range starts today (the old links stop working).
/// Non-cascading: the delegate's own delegation is not followed.
/// </summary>
public sealed class Delegations(ReadinessDbContext db, UnitOfWork unitOfWork, ApprovalRequester requester, ApprovalEmails emails, AuditLog audit, ReadinessClock clock)
{
    public const int MaxDays = 92;

    public async Task<IReadOnlyList<DelegationRow>> ForAsync(string userId, CancellationToken ct)
    {
        var rows = await db.Delegations.AsNoTracking().Where(d => d.FromUserId == userId || d.ToUserId == userId).OrderByDescending(d => d.StartsOn).ToListAsync(ct);
        var ids = rows.SelectMany(d => new[] { d.FromUserId, d.ToUserId }).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(d => new DelegationRow(d.Id, names[d.FromUserId], names[d.ToUserId], d.StartsOn, d.EndsOn, d.CancelledAtUtc is not null, d.FromUserId == userId)).ToList();
    }

    /// <summary>People a decision can be delegated to: anyone with the BCM or SRO role other than the person.</summary>
    public async Task<IReadOnlyList<Person>> CandidatesAsync(string userId, CancellationToken ct)
    {
        var roleIds = db.Roles.Where(r => r.Name == Roles.Bcm || r.Name == Roles.Sro).Select(r => r.Id);
        var userIds = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        return await db.Users.Where(u => userIds.Contains(u.Id) && u.Id != userId).OrderBy(u => u.DisplayName)
            .Select(u => new Person(u.Id, u.DisplayName, u.Email!)).ToListAsync(ct);
    }

    public async Task<Result<int>> CreateAsync(Actor actor, string toUserId, DateOnly startsOn, DateOnly endsOn, RequestOrigin origin, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Bcm) && !actor.IsIn(Roles.Sro)) return Failures.Forbidden("Only BCMs and SROs make decisions to delegate.");
        if (toUserId == actor.UserId) return Failures.Invalid("ToUserId", "Choose someone other than yourself.");
        if (!(await CandidatesAsync(actor.UserId, ct)).Any(p => p.Id == toUserId)) return Failures.Invalid("ToUserId", "Choose a BCM or SRO from the list.");
        if (startsOn < clock.Today) return Failures.Invalid("StartsOn", "The start date cannot be in the past.");
        if (endsOn < startsOn) return Failures.Invalid("EndsOn", "The end date must be on or after the start date.");
        if (endsOn.DayNumber - startsOn.DayNumber >= MaxDays) return Failures.Invalid("EndsOn", $"A delegation can last at most {MaxDays} days.");

        var created = await unitOfWork.RunAsync(async c =>
        {
            var now = clock.UtcNow;
            var delegation = new Delegation(actor.UserId, toUserId, startsOn, endsOn, now);
            db.Delegations.Add(delegation);
            var moved = delegation.IsActiveOn(clock.Today) ? await ReassignPendingAsync(actor.UserId, toUserId, c) : 0;
            audit.Append(() => new AuditRecord(now, actor.UserId, null, "delegation.created", "Delegation", delegation.Id.ToString(CultureInfo.InvariantCulture),
                AuditChannel.Web, origin.IpAddress, origin.UserAgent, $"Decisions delegated {startsOn:yyyy-MM-dd}–{endsOn:yyyy-MM-dd}; {moved} waiting request(s) reassigned"));
            return Result<Delegation>.Ok(delegation);
        }, ct);
        return created.Map(d => d.Id);
    }

    public Task<Result<bool>> CancelAsync(Actor actor, int delegationId, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(c => CancelNowAsync(actor, delegationId, origin, c), ct);

    private async Task<Result<bool>> CancelNowAsync(Actor actor, int delegationId, RequestOrigin origin, CancellationToken ct)
    {
        var delegation = await db.Delegations.FirstOrDefaultAsync(d => d.Id == delegationId && d.FromUserId == actor.UserId, ct);
        if (delegation is null) return Failures.NotFound("The delegation");
        delegation.Cancel(clock.UtcNow);
        audit.Append(new AuditRecord(clock.UtcNow, actor.UserId, null, "delegation.cancelled", "Delegation", delegationId.ToString(CultureInfo.InvariantCulture),
            AuditChannel.Web, origin.IpAddress, origin.UserAgent, "Delegation cancelled; new requests come back to the delegator"));
        return Result<bool>.Ok(true);
    }

    /// <summary>Moves the delegator's waiting requests to the delegate: old tokens are revoked, new links are sent.</summary>
    private async Task<int> ReassignPendingAsync(string fromUserId, string toUserId, CancellationToken ct)
    {
        var pending = await db.ApprovalRequests.Where(r => r.ApproverUserId == fromUserId && r.OnBehalfOfUserId == null && r.Status == ApprovalStatus.Pending).ToListAsync(ct);
        foreach (var request in pending)
        {
            if (request.SubmitterUserId == toUserId) continue; // the delegate submitted it: they cannot approve it
            var compose = request.Kind == ApprovalKind.AreaReturn
                ? await emails.ForReturnAsync(request.SubjectId, "review it on behalf of the BCM who delegated to you", ct)
                : await emails.ForGoLiveAsync(request.SubjectId, ct);
            await requester.ReassignAsync(request, toUserId, fromUserId, compose, ct);
        }
        return pending.Count;
    }
}
