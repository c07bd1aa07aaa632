using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Reminders;

/// <summary>
/// Reminders for the post-go-live review (issue 10): each live release's area reviews not yet submitted, on the schedule
/// of the PostGoLiveReview gate kind (<c>Reminders:Gates:PostGoLiveReview</c>). A review is the area's BCMs' to do, so they
/// are reminded first; once it is overdue past the escalation points it goes to the release's SRO. The SRO's own decision
/// is reminded and escalated with the other approvals.
/// </summary>
public sealed partial class ReminderSweep
{
    private async Task<List<ReminderNotice>> ReviewNoticesAsync(DateOnly today, DateOnly? lastSweepDay, CancellationToken ct)
    {
        var open = await (from a in db.Assessments
                          join g in db.Gates on a.GateId equals g.Id
                          join r in db.Releases on a.ReleaseId equals r.Id
                          join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                          where g.Kind == GateKind.PostGoLiveReview && r.Status == ReleaseStatus.Live
                                && (a.Status == AssessmentStatus.NotStarted || a.Status == AssessmentStatus.Draft || a.Status == AssessmentStatus.Returned)
                          select new { a.Id, a.BusinessAreaId, Area = area.Name, g.DueOffsetDays, r.GoLive, r.Code, r.SroUserId }).ToListAsync(ct);
        var due = open.Select(a => new { a, DueOn = a.GoLive.AddDays(a.DueOffsetDays) })
            .Select(x => new { x.a, x.DueOn, When = settings.For(GateKind.PostGoLiveReview).Returns.On(x.DueOn, today, calendar, lastSweepDay) })
            .Where(x => x.When is not null).ToList();
        if (due.Count == 0) return [];
        var areaIds = due.Select(x => x.a.BusinessAreaId).Distinct().ToList();
        var bcms = (await db.AreaMemberships.Where(m => areaIds.Contains(m.BusinessAreaId) && m.Role == AreaRole.Bcm).Select(m => new { m.BusinessAreaId, m.UserId }).ToListAsync(ct))
            .ToLookup(m => m.BusinessAreaId, m => m.UserId);
        var notices = new List<ReminderNotice>();
        foreach (var x in due)
        {
            var owners = bcms[x.a.BusinessAreaId].ToList();
            var item = new ReminderItem(ReturnItem, x.a.Id, $"{x.a.Code} {x.a.Area} – post-go-live review", x.DueOn, x.When!,
                links.Link($"/Assessments/Edit/{x.a.Id}"), owners, "submitted", links.Link($"/Releases/{x.a.Code}/Review"));
            foreach (var level in x.When!.Levels)
                notices.AddRange((level == 0 ? owners : [x.a.SroUserId]).Select(u => new ReminderNotice(u, level, item, level == 0 ? "" : "the release's SRO")));
        }
        return notices;
    }
}
