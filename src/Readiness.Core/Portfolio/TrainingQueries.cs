using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

public sealed record TrainingRow(int AreaId, string Code, string Name, int Depth, string? ParentCode, bool HasChildren, IReadOnlyList<TrainingCell> Cells);

public sealed record TrainingView(IReadOnlyList<DateOnly> Weeks, IReadOnlyList<TrainingRow> Rows, DateOnly ThisWeek, decimal AmberAt, int Step);

public sealed record TrainingPart(string ReleaseCode, string ReleaseName, DateOnly GoLive, string ThroughAreaCode, string ThroughAreaName, int Headcount, decimal HoursPerPerson, decimal Hours);

public sealed record CapacityInForce(string AreaCode, string AreaName, DateOnly FromWeek, decimal HoursPerWeek, decimal BauSharePercent, decimal Available);

public sealed record TrainingCellDetail(string AreaCode, string AreaName, TrainingCell Cell, IReadOnlyList<TrainingPart> Parts, IReadOnlyList<CapacityInForce> Capacities);

public sealed record OverCapacityWeek(string AreaCode, string AreaName, DateOnly Week, decimal Need, decimal Available, decimal FromThisRelease);

/// <summary>The weeks in which a release's training falls in an area (or an area above it) that is then over its training capacity.</summary>
public sealed record TrainingWarning(string ReleaseCode, IReadOnlyList<OverCapacityWeek> Weeks);

/// <summary>
/// The training view: business areas × weeks of training need against training capacity (arithmetic in
/// <see cref="TrainingLoad"/>). Every query reads only the releases whose training window touches the weeks it shows.
/// </summary>
public sealed class TrainingQueries(ReadinessDbContext db, IOptions<HeatmapOptions> options, ReadinessClock clock)
{
    private HeatmapOptions Options => options.Value;

    private sealed record Area(int Id, string Code, string Name, int? ParentId);

    public DateOnly ThisWeek => ChangeLoad.WeekOf(clock.UtcNow, clock.Zone);

    private async Task<(List<Area> Areas, Dictionary<int, int?> Parents, List<CapacityEntry> Capacities)> AreasAsync(CancellationToken ct)
    {
        var areas = await db.BusinessAreas.AsNoTracking().Select(a => new Area(a.Id, a.Code, a.Name, a.ParentId)).ToListAsync(ct);
        var capacities = await db.TrainingCapacities.AsNoTracking()
            .Select(c => new CapacityEntry(c.BusinessAreaId, c.FromWeek, c.HoursPerWeek, c.BauSharePercent)).ToListAsync(ct);
        return (areas, areas.ToDictionary(a => a.Id, a => a.ParentId), capacities);
    }

    /// <summary>The impacts of releases not closed whose training falls between the two Mondays.</summary>
    private Task<List<LoadInput>> ImpactsAsync(DateOnly firstWeek, DateOnly lastWeek, CancellationToken ct)
    {
        var (from, to) = TrainingLoad.GoLivesTrainingIn(firstWeek, lastWeek);
        return db.Impacts.AsNoTracking()
            .Where(i => i.Release!.Status != ReleaseStatus.Closed && i.Release.GoLive >= from && i.Release.GoLive <= to)
            .Select(i => new LoadInput(i.ReleaseId, i.BusinessAreaId, i.Release!.GoLive, i.Headcount, i.Level, i.TrainingHoursPerPerson, i.HypercareWeeks))
            .ToListAsync(ct);
    }

    public async Task<TrainingView> GridAsync(DateOnly? from, CancellationToken ct)
    {
        var weeks = ChangeLoad.Weeks(from ?? ThisWeek, Options.Weeks);
        var (areas, parents, capacities) = await AreasAsync(ct);
        var grid = TrainingLoad.Grid(parents, await ImpactsAsync(weeks[0], weeks[^1], ct), capacities, weeks, Options.AmberAt);
        var byId = areas.ToDictionary(a => a.Id);
        var children = areas.Where(a => a.ParentId is not null).ToLookup(a => a.ParentId!.Value);
        var rows = AreaTree.InOrder(areas, a => a.Id, a => a.ParentId, a => a.Name)
            .Select(x => new TrainingRow(x.Area.Id, x.Area.Code, x.Area.Name, x.Depth, x.Area.ParentId is { } p ? byId[p].Code : null,
                children[x.Area.Id].Any(), grid[x.Area.Id])).ToList();
        return new TrainingView(weeks, rows, ThisWeek, Options.AmberAt, Math.Max(1, Options.Weeks / 2));
    }

    /// <summary>One cell: the releases whose training makes up the need, and the capacities recorded that week.</summary>
    public async Task<Result<TrainingCellDetail>> CellAsync(string areaCode, DateOnly week, CancellationToken ct)
    {
        var monday = ChangeLoad.WeekStart(week);
        var (areas, parents, capacities) = await AreasAsync(ct);
        var area = areas.FirstOrDefault(a => a.Code == areaCode);
        if (area is null) return Failures.NotFound($"Business area {areaCode}");
        var byId = areas.ToDictionary(a => a.Id);
        var impacts = (await ImpactsAsync(monday, monday, ct)).Where(i => ChangeLoad.SelfAndAncestors(i.AreaId, parents).Contains(area.Id)).ToList();
        var cell = TrainingLoad.Grid(parents, impacts, capacities, [monday], Options.AmberAt)[area.Id][0];
        var ids = impacts.Select(i => i.ReleaseId).Distinct().ToList();
        var releases = await db.Releases.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Code, r.Name }).ToDictionaryAsync(r => r.Id, ct);
        var parts = impacts.SelectMany(i => TrainingLoad.Need(i).Where(c => c.Week == monday).Select(c => new TrainingPart(releases[i.ReleaseId].Code,
                releases[i.ReleaseId].Name, i.GoLive, byId[i.AreaId].Code, byId[i.AreaId].Name, i.Headcount, i.TrainingHoursPerPerson, c.Hours)))
            .OrderByDescending(p => p.Hours).ThenBy(p => p.ReleaseCode, StringComparer.Ordinal).ToList();
        var inForce = capacities.Where(c => ChangeLoad.SelfAndAncestors(c.AreaId, parents).Contains(area.Id)).GroupBy(c => c.AreaId)
            .Select(g => TrainingLoad.InForce(g, monday)).OfType<CapacityEntry>()
            .Select(c => new CapacityInForce(byId[c.AreaId].Code, byId[c.AreaId].Name, c.FromWeek, c.HoursPerWeek, c.BauSharePercent, c.Available))
            .OrderBy(c => c.AreaName, StringComparer.Ordinal).ToList();
        return Result<TrainingCellDetail>.Ok(new TrainingCellDetail(area.Code, area.Name, cell, parts, inForce));
    }

    /// <summary>
    /// Weeks in which the release's training falls in an area (or an area above it) over its training capacity; null when
    /// none. <paramref name="shiftDays"/> moves the release's T0 first, for the "what if" (nothing is saved).
    /// </summary>
    public async Task<TrainingWarning?> WarningAsync(int releaseId, CancellationToken ct, int shiftDays = 0)
    {
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == releaseId).Select(r => new { r.Code, r.GoLive, r.Status }).FirstOrDefaultAsync(ct);
        if (release is null || release.Status == ReleaseStatus.Closed) return null;
        var goLive = release.GoLive.AddDays(shiftDays);
        var mine = await db.Impacts.AsNoTracking().Where(i => i.ReleaseId == releaseId)
            .Select(i => new LoadInput(i.ReleaseId, i.BusinessAreaId, goLive, i.Headcount, i.Level, i.TrainingHoursPerPerson, i.HypercareWeeks))
            .ToListAsync(ct);
        var weeks = mine.SelectMany(TrainingLoad.Need).Select(c => c.Week).Distinct().Order().ToList();
        if (weeks.Count == 0) return null;
        var (areas, parents, capacities) = await AreasAsync(ct);
        var others = (await ImpactsAsync(weeks[0], weeks[^1], ct)).Where(i => i.ReleaseId != releaseId);
        var total = TrainingLoad.Grid(parents, others.Concat(mine), capacities, weeks, Options.AmberAt);
        var own = TrainingLoad.Grid(parents, mine, [], weeks, Options.AmberAt);
        var byId = areas.ToDictionary(a => a.Id);
        var over = (from areaId in mine.SelectMany(i => ChangeLoad.SelfAndAncestors(i.AreaId, parents)).Distinct().Where(byId.ContainsKey)
                    from w in Enumerable.Range(0, weeks.Count)
                    let cell = total[areaId][w]
                    where own[areaId][w].Need > 0 && cell.Band == HeatBand.Over
                    select new OverCapacityWeek(byId[areaId].Code, byId[areaId].Name, weeks[w], cell.Need, cell.Available!.Value, own[areaId][w].Need))
            .OrderBy(o => o.Week).ThenBy(o => o.AreaName, StringComparer.Ordinal).ToList();
        return over.Count == 0 ? null : new TrainingWarning(release.Code, over);
    }
}

/// <summary>Business areas in the order the portfolio views list them: each under its parent, siblings by name.</summary>
public static class AreaTree
{
    public static IReadOnlyList<(T Area, int Depth)> InOrder<T>(IReadOnlyList<T> areas, Func<T, int> id, Func<T, int?> parent, Func<T, string> name)
    {
        var ids = areas.Select(id).ToHashSet();
        var children = areas.Where(a => parent(a) is { } p && ids.Contains(p)).ToLookup(a => parent(a)!.Value);
        var result = new List<(T, int)>();
        void Walk(T a, int depth)
        {
            result.Add((a, depth));
            foreach (var c in children[id(a)].OrderBy(name, StringComparer.Ordinal)) Walk(c, depth + 1);
        }
        foreach (var top in areas.Where(a => parent(a) is not { } p || !ids.Contains(p)).OrderBy(name, StringComparer.Ordinal)) Walk(top, 0);
        return result;
    }
}
