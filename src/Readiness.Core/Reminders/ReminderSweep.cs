using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Reminders;

/// <summary>What one sweep did: digests queued, items in them, and people skipped because another run got there first.</summary>
public sealed record ReminderSweepResult(int Digests, int Items, int Conflicts);

/// <summary>
/// Today's reminders and escalations, as one digest email per person. The app database is the source of truth:
/// a person's log rows, digest row and outbox email commit together, and the unique indexes on (person, item, day)
/// and (person, day) mean a repeated, overlapping or crashed-and-rerun sweep never sends anything twice.
/// </summary>
public sealed partial class ReminderSweep(ReadinessDbContext db, UnitOfWork unitOfWork, Outbox outbox, ApprovalSettings links, ReadinessClock clock, WorkingCalendar calendar, ReminderSettings settings,
    IEnumerable<IReminderSource> sources)
{
    public const string ReturnItem = "Return";
    public const string ApprovalItem = "Approval";

    public async Task<ReminderSweepResult> RunAsync(CancellationToken ct)
    {
        var today = clock.Today;
        if (!calendar.IsWorkingDay(today)) return new(0, 0, 0);

        // The last day any digest went out stands for the last day the sweep ran; reminder days between it and today
        // were missed (app down, job failing) and are caught up today. A sweep that ran but had nothing to send leaves
        // no digest, so each caught-up notice is also checked against the log: it goes only to someone not reminded
        // of that item on or after the missed day.
        var lastSweepDay = await db.ReminderDigests.Where(d => d.Day < today).MaxAsync(d => (DateOnly?)d.Day, ct);
        var notices = new List<ReminderNotice>();
        notices.AddRange(await ReturnNoticesAsync(today, lastSweepDay, ct));
        notices.AddRange(await ApprovalNoticesAsync(today, lastSweepDay, ct));
        foreach (var source in sources) notices.AddRange(await source.NoticesAsync(today, ct));
        notices.AddRange(await ReviewNoticesAsync(today, lastSweepDay, ct));
        notices = await WithoutAlreadyRemindedAsync(notices, lastSweepDay, ct);

        // A person asked twice about one item (e.g. BCM of the area and its SRO) hears about it once, at the higher level.
        var perPerson = notices
            .GroupBy(n => (n.RecipientUserId, n.Item.Kind, n.Item.Id))
            .Select(g => g.MaxBy(n => n.Level)!)
            .GroupBy(n => n.RecipientUserId);

        var logged = (await db.ReminderLogs.Where(l => l.Day == today).Select(l => new { l.RecipientUserId, l.ItemKind, l.ItemId }).ToListAsync(ct))
            .Select(l => (l.RecipientUserId, l.ItemKind, l.ItemId)).ToHashSet();
        var digested = (await db.ReminderDigests.Where(d => d.Day == today).Select(d => d.UserId).ToListAsync(ct)).ToHashSet();
        var people = await db.Users.Select(u => new { u.Id, u.Email, u.DisplayName }).ToDictionaryAsync(u => u.Id, ct);

        int digests = 0, items = 0, conflicts = 0;
        foreach (var person in perPerson)
        {
            // One digest a day: someone already sent theirs today hears about anything new on the next reminder day.
            if (digested.Contains(person.Key) || !people.TryGetValue(person.Key, out var user) || string.IsNullOrWhiteSpace(user.Email)) continue;
            var fresh = person.Where(n => !logged.Contains((n.RecipientUserId, n.Item.Kind, n.Item.Id))).ToList();
            if (fresh.Count == 0) continue;
            if (await SendDigestAsync(user.Id, user.Email, user.DisplayName, today, fresh, id => people.TryGetValue(id, out var p) ? p.DisplayName : id, ct))
            {
                digests++;
                items += fresh.Count;
            }
            else conflicts++;
        }
        return new(digests, items, conflicts);
    }

    /// <summary>
    /// One person's log rows, digest row and email in one unit of work; false when another run already did it. A
    /// concurrent sweep committing this person's digest first takes the unique index: the unit of work runs again, finds
    /// the digest, and ours is dropped whole.
    /// </summary>
    private async Task<bool> SendDigestAsync(string userId, string email, string name, DateOnly today, List<ReminderNotice> notices, Func<string, string> nameOf, CancellationToken ct)
    {
        var sent = await unitOfWork.RunAsync(async c =>
        {
            if (await db.ReminderDigests.AnyAsync(d => d.UserId == userId && d.Day == today, c)) return Result<bool>.Ok(false);
            var now = clock.UtcNow;
            var message = outbox.Enqueue(ReminderDigestEmail.Compose(email, name, notices, nameOf, links.Link("/")));
            foreach (var n in notices)
            {
                var log = new ReminderLog(userId, n.Item.Kind, n.Item.Id, today, n.Level, now);
                log.SentIn(message);
                db.ReminderLogs.Add(log);
            }
            var digest = new ReminderDigest(userId, today, notices.Count, now);
            digest.SentIn(message);
            db.ReminderDigests.Add(digest);
            return Result<bool>.Ok(true);
        }, ct);
        return sent.Value;
    }

    /// <summary>Drops caught-up notices for people already reminded of the item on or after the day it was missed.</summary>
    private async Task<List<ReminderNotice>> WithoutAlreadyRemindedAsync(List<ReminderNotice> notices, DateOnly? lastSweepDay, CancellationToken ct)
    {
        if (lastSweepDay is null || !notices.Any(n => n.Item.Due.MissedDay is not null)) return notices;
        var since = (await db.ReminderLogs.Where(l => l.Day > lastSweepDay).Select(l => new { l.RecipientUserId, l.ItemKind, l.ItemId, l.Day }).ToListAsync(ct))
            .ToLookup(l => (l.RecipientUserId, l.ItemKind, l.ItemId), l => l.Day);
        return notices.Where(n => n.Item.Due.MissedDay is not { } missed || !since[(n.RecipientUserId, n.Item.Kind, n.Item.Id)].Any(d => d >= missed)).ToList();
    }

    private async Task<List<ReminderNotice>> ReturnNoticesAsync(DateOnly today, DateOnly? lastSweepDay, CancellationToken ct)
    {
        var open = await (from a in db.Assessments
                          join g in db.Gates on a.GateId equals g.Id
                          join r in db.Releases on a.ReleaseId equals r.Id
                          join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                          where (a.Status == AssessmentStatus.NotStarted || a.Status == AssessmentStatus.Draft || a.Status == AssessmentStatus.Returned)
                                && r.Status != ReleaseStatus.Live && r.Status != ReleaseStatus.Closed
                          select new { a.Id, a.BusinessAreaId, Area = area.Name, g.Kind, Gate = g.Name, g.DueOffsetDays, r.GoLive, r.Code, r.SroUserId })
            .ToListAsync(ct);
        var due = open
            .Select(a => new { a, DueOn = a.GoLive.AddDays(a.DueOffsetDays) })
            .Select(x => new { x.a, x.DueOn, When = settings.For(x.a.Kind).Returns.On(x.DueOn, today, calendar, lastSweepDay) })
            .Where(x => x.When is not null)
            .ToList();
        if (due.Count == 0) return [];

        var areaIds = due.Select(x => x.a.BusinessAreaId).Distinct().ToList();
        var members = await db.AreaMemberships.Where(m => areaIds.Contains(m.BusinessAreaId)).Select(m => new { m.BusinessAreaId, m.UserId, m.Role }).ToListAsync(ct);
        var notices = new List<ReminderNotice>();
        foreach (var x in due)
        {
            var leads = members.Where(m => m.BusinessAreaId == x.a.BusinessAreaId && m.Role == AreaRole.TeamLead).Select(m => m.UserId).ToList();
            var bcms = members.Where(m => m.BusinessAreaId == x.a.BusinessAreaId && m.Role == AreaRole.Bcm).Select(m => m.UserId).ToList();
            var item = new ReminderItem(ReturnItem, x.a.Id, $"{x.a.Code} {x.a.Area} – {x.a.Gate} return", x.DueOn, x.When!,
                links.Link($"/Assessments/Edit/{x.a.Id}"), leads, "submitted", links.Link($"/Assessments/View/{x.a.Id}"));
            foreach (var level in x.When!.Levels)
            {
                IEnumerable<string> to = level switch { 0 => leads, 1 => bcms, _ => [x.a.SroUserId] };
                notices.AddRange(to.Select(u => new ReminderNotice(u, level, item, level switch { 0 => "", 1 => "the area's BCM", _ => "the release's SRO" })));
            }
        }
        return notices;
    }

    private async Task<List<ReminderNotice>> ApprovalNoticesAsync(DateOnly today, DateOnly? lastSweepDay, CancellationToken ct)
    {
        var pending = await (from q in db.ApprovalRequests
                             join r in db.Releases on q.ReleaseId equals r.Id
                             where q.Status == ApprovalStatus.Pending && r.Status != ReleaseStatus.Closed
                                   // a re-sent link waiting for delivery: the replacement carries the reminders
                                   && !db.ApprovalRequests.Any(n => n.ReplacesRequestId == q.Id && n.Status == ApprovalStatus.Pending)
                             select new { q.Id, q.Kind, q.SubjectId, q.ApproverUserId, q.DueOn, r.Code, r.SroUserId })
            .ToListAsync(ct);
        if (pending.Count == 0) return [];

        var returnIds = pending.Where(p => p.Kind == ApprovalKind.AreaReturn).Select(p => p.SubjectId).Distinct().ToList();
        var gateIds = pending.Where(p => p.Kind != ApprovalKind.AreaReturn).Select(p => p.SubjectId).Distinct().ToList();
        var returns = await (from a in db.Assessments
                             join g in db.Gates on a.GateId equals g.Id
                             join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                             where returnIds.Contains(a.Id)
                             select new { a.Id, g.Kind, Area = area.Name }).ToDictionaryAsync(a => a.Id, ct);
        var gates = await db.Gates.Where(g => gateIds.Contains(g.Id)).Select(g => new { g.Id, g.Kind }).ToDictionaryAsync(g => g.Id, ct);
        var pmo = await (from ur in db.UserRoles join role in db.Roles on ur.RoleId equals role.Id where role.Name == Roles.Pmo select ur.UserId).ToListAsync(ct);

        var notices = new List<ReminderNotice>();
        foreach (var p in pending)
        {
            var isReturn = p.Kind == ApprovalKind.AreaReturn;
            var kind = isReturn ? returns.GetValueOrDefault(p.SubjectId)?.Kind : gates.GetValueOrDefault(p.SubjectId)?.Kind;
            if (kind is null) continue;
            var when = settings.For(kind.Value).Approvals.On(p.DueOn, today, calendar, lastSweepDay);
            if (when is null) continue;
            var title = isReturn ? $"{p.Code} {returns[p.SubjectId].Area} return – approval"
                : p.Kind == ApprovalKind.PostGoLiveReview ? $"{p.Code} post-go-live review decision" : $"{p.Code} go / no-go decision";
            var item = new ReminderItem(ApprovalItem, p.Id, title, p.DueOn, when, links.Link($"/Approvals/Decide/{p.Id}"), [p.ApproverUserId], "decided", links.Link($"/Releases/{p.Code}"));
            foreach (var level in when.Levels)
            {
                // An overdue BCM approval goes up to the release's SRO; an overdue SRO decision to the PMO.
                IEnumerable<string> to = level == 0 ? [p.ApproverUserId] : isReturn ? [p.SroUserId] : pmo;
                notices.AddRange(to.Select(u => new ReminderNotice(u, level, item, level == 0 ? "" : isReturn ? "the release's SRO" : "PMO")));
            }
        }
        return notices;
    }
}

/// <summary>An item someone is reminded of: what it is, when it is due, where to act, and who owes it.</summary>
/// <param name="LateUserIds">Who owes the work (the team leads, or the approver), named when it is escalated.</param>
/// <param name="Owed">What they have not done yet: "submitted" or "decided".</param>
/// <param name="Link">Where the person who owes the work acts.</param>
/// <param name="EscalationLink">Where someone it is escalated to can see it (they cannot act on another person's request).</param>
/// <param name="Section">The digest's heading for items listed apart from the person's own work (e.g. gates forecast short, for the PMO); null for the main list.</param>
public sealed record ReminderItem(string Kind, int Id, string Title, DateOnly DueOn, ReminderDue Due, string Link, IReadOnlyList<string> LateUserIds, string Owed, string EscalationLink,
    string? Section = null);

/// <summary>One person to tell about one item, at an escalation level (0: it is theirs to do), in a role (for escalations).</summary>
public sealed record ReminderNotice(string RecipientUserId, int Level, ReminderItem Item, string AsRole);
