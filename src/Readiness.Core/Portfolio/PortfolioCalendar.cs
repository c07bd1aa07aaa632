using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

/// <summary>One all-day entry of the calendar feed: a gate's due day or a release's go-live. The UID never changes.</summary>
public sealed record CalendarItem(string Uid, DateOnly Day, string Summary, string Description, string ReleaseCode);

/// <summary>Gates and go-lives of one programme or of the releases impacting one business area, for the iCalendar feed.</summary>
public sealed class PortfolioCalendar(ReadinessDbContext db)
{
    public async Task<IReadOnlyList<CalendarItem>> ItemsAsync(string? programme, string? area, CancellationToken ct)
    {
        var releases = db.Releases.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(programme)) releases = releases.Where(r => r.Programme!.Code == programme);
        if (!string.IsNullOrWhiteSpace(area)) releases = releases.Where(r => r.Impacts.Any(i => i.BusinessArea!.Code == area));
        var raw = await releases.Select(r => new
        {
            r.Id, r.Code, r.Name, ProgrammeName = r.Programme!.Name, r.GoLive,
            Gates = r.Gates.Select(g => new { g.Id, g.Name, g.DueOffsetDays }).ToList(),
        }).ToListAsync(ct);
        var items = new List<CalendarItem>();
        foreach (var r in raw)
        {
            items.Add(new CalendarItem($"release-{r.Id}-golive@readiness", r.GoLive, $"{r.Code} go-live (T0)",
                $"{r.Name} ({r.ProgrammeName}) goes live.", r.Code));
            items.AddRange(r.Gates.Select(g => new CalendarItem($"gate-{g.Id}@readiness", r.GoLive.AddDays(g.DueOffsetDays),
                $"{r.Code}: {g.Name} ({Gate.FormatOffset(g.DueOffsetDays)})", $"{g.Name} for {r.Name} ({r.ProgrammeName}) is due.", r.Code)));
        }
        return items.OrderBy(i => i.Day).ThenBy(i => i.Uid, StringComparer.Ordinal).ToList();
    }
}
