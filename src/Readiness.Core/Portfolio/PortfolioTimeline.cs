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

/// <summary>Releases on a time axis: the earliest month to the latest, with their gates and what they depend on.</summary>
public sealed record Timeline(IReadOnlyList<TimelineRelease> Releases, DateOnly FirstMonth, DateOnly LastMonth, DateOnly Today);

public sealed class PortfolioTimeline(ReadinessDbContext db, GateTracker tracker, ReadinessClock clock)
{
    public async Task<Timeline> ForAsync(string? programme, CancellationToken ct)
    {
        var releases = db.Releases.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(programme)) releases = releases.Where(r => r.Programme!.Code == programme);
        var raw = await releases.Select(r => new
        {
            r.Id, r.Code, r.Name, ProgrammeCode = r.Programme!.Code, ProgrammeName = r.Programme.Name, r.GoLive, r.Status,
            Gates = r.Gates.Select(g => new { g.Id, g.Kind, g.Name, g.DueOffsetDays }).ToList(),
        }).ToListAsync(ct);
        var dependencies = await tracker.DependenciesAsync(null, ct);
        var rows = raw.Select(r => new TimelineRelease(r.Code, r.Name, r.ProgrammeCode, r.ProgrammeName, r.GoLive, r.Status,
                r.Gates.OrderBy(g => g.DueOffsetDays).Select(g => new TimelineGate(g.Id, g.Kind, g.Name, g.DueOffsetDays, r.GoLive.AddDays(g.DueOffsetDays))).ToList(),
                dependencies.TryGetValue(r.Id, out var d) ? d : []))
            .OrderBy(r => r.GoLive).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        var today = clock.Today;
        var first = rows.Count == 0 ? today : rows.Min(r => r.Start);
        var last = rows.Count == 0 ? today : rows.Max(r => r.End);
        if (today < first) first = today;
        if (today > last) last = today;
        return new Timeline(rows, new DateOnly(first.Year, first.Month, 1), new DateOnly(last.Year, last.Month, 1), today);
    }
}
