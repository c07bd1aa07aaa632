using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

public sealed record TimelineGate(int Id, GateKind Kind, string Name, int OffsetDays, DateOnly DueOn);

public sealed record TimelineRelease(string Code, string Name, string ProgrammeCode, string ProgrammeName, DateOnly GoLive, ReleaseStatus Status,
    IReadOnlyList<TimelineGate> Gates, IReadOnlyList<DependencyFlag> DependsOn)
{
    public DateOnly Start => Gates.Count == 0 ? GoLive : Gates.Min(g => g.DueOn) < GoLive ? Gates.Min(g => g.DueOn) : GoLive;
    public DateOnly End => Gates.Count == 0 ? GoLive : Gates.Max(g => g.DueOn) > GoLive ? Gates.Max(g => g.DueOn) : GoLive;
}

/// <summary>
/// Releases on a time axis, with their gates and what they depend on: a page of the releases whose span (first gate to
/// last gate or T0) touches the months shown, <see cref="From"/> for <see cref="PortfolioTimeline.Months"/> months.
/// </summary>
public sealed record Timeline(IReadOnlyList<TimelineRelease> Releases, DateOnly FirstMonth, DateOnly LastMonth, DateOnly Today,
    DateOnly From = default, int Page = 1, int Total = 0, int PageSize = PortfolioTimeline.PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed class PortfolioTimeline(ReadinessDbContext db, GateTracker tracker, ReadinessClock clock)
{
    public const int Months = 18;
    public const int MonthsBefore = 6;
    public const int PageSize = 40;

    /// <summary>The first month shown by default: <see cref="MonthsBefore"/> months before this one.</summary>
    public DateOnly DefaultFrom => new DateOnly(clock.Today.Year, clock.Today.Month, 1).AddMonths(-MonthsBefore);

    public Task<Timeline> ForAsync(string? programme, CancellationToken ct) => ForAsync(programme, null, 1, ct);

    /// <summary>
    /// A page of the releases of the window starting at the month of <paramref name="from"/> (default
    /// <see cref="DefaultFrom"/>), soonest go-live first: filtered on stored dates (T0 and the gates' due dates),
    /// sorted and paged in SQL; dependencies are read for the page's releases only.
    /// </summary>
    public async Task<Timeline> ForAsync(string? programme, DateOnly? from, int page, CancellationToken ct)
    {
        var start = from is { } f ? new DateOnly(f.Year, f.Month, 1) : DefaultFrom;
        var end = start.AddMonths(Months).AddDays(-1);
        var releases = db.Releases.AsNoTracking().Where(r =>
            (r.GoLive <= end || db.GateSummaries.Any(s => s.ReleaseId == r.Id && s.DueOn <= end))
            && (r.GoLive >= start || db.GateSummaries.Any(s => s.ReleaseId == r.Id && s.DueOn >= start)));
        if (!string.IsNullOrWhiteSpace(programme)) releases = releases.Where(r => r.Programme!.Code == programme);
        var total = await releases.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var raw = await releases.OrderBy(r => r.GoLive).ThenBy(r => r.Code).Skip((page - 1) * PageSize).Take(PageSize).Select(r => new
        {
            r.Id, r.Code, r.Name, ProgrammeCode = r.Programme!.Code, ProgrammeName = r.Programme.Name, r.GoLive, r.Status,
            Gates = r.Gates.Select(g => new { g.Id, g.Kind, g.Name, g.DueOffsetDays }).ToList(),
        }).ToListAsync(ct);
        var dependencies = await tracker.DependenciesAsync(raw.Select(r => r.Id).ToList(), ct);
        var rows = raw.Select(r => new TimelineRelease(r.Code, r.Name, r.ProgrammeCode, r.ProgrammeName, r.GoLive, r.Status,
                r.Gates.OrderBy(g => g.DueOffsetDays).Select(g => new TimelineGate(g.Id, g.Kind, g.Name, g.DueOffsetDays, r.GoLive.AddDays(g.DueOffsetDays))).ToList(),
                dependencies.TryGetValue(r.Id, out var d) ? d : []))
            .OrderBy(r => r.GoLive).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        var today = clock.Today;
        var first = rows.Count == 0 ? today : rows.Min(r => r.Start);
        var last = rows.Count == 0 ? today : rows.Max(r => r.End);
        if (today < first) first = today;
        if (today > last) last = today;
        // The axis covers what is drawn, within the window.
        if (first < start) first = start;
        if (last > end) last = end;
        if (last < first) last = first;
        return new Timeline(rows, new DateOnly(first.Year, first.Month, 1), new DateOnly(last.Year, last.Month, 1), today, start, page, total);
    }
}
