using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Area = Readiness.Core.Portfolio.ReferenceLists.Area;

namespace Readiness.Core.Portfolio;

public sealed record HeatCell(DateOnly Week, decimal Load, decimal Tolerance, HeatBand Band);

public sealed record HeatRow(int AreaId, string Code, string Name, int Depth, string? ParentCode, bool HasChildren, IReadOnlyList<HeatCell> Cells);

public sealed record HeatmapView(IReadOnlyList<DateOnly> Weeks, IReadOnlyList<HeatRow> Rows, DateOnly ThisWeek, decimal AmberAt, int Step);

public sealed record CellPart(string ReleaseCode, string ReleaseName, DateOnly GoLive, string ThroughAreaCode, string ThroughAreaName, LoadPart Part, decimal Hours);

public sealed record HeatCellDetail(string AreaCode, string AreaName, DateOnly Week, decimal Load, decimal Tolerance, HeatBand Band, IReadOnlyList<CellPart> Parts);

public sealed record OverloadedWeek(string AreaCode, string AreaName, DateOnly Week, decimal Load, decimal Tolerance, decimal FromThisRelease);

/// <summary>Areas that a release's go-live puts over tolerance; empty when none.</summary>
public sealed record ChangeLoadWarning(string ReleaseCode, IReadOnlyList<OverloadedWeek> Weeks);

/// <summary>The change heatmap: business areas × weeks of change load from all releases (model in <see cref="ChangeLoad"/>).</summary>
public sealed class HeatmapQueries(ReadinessDbContext db, IOptions<HeatmapOptions> options, ReadinessClock clock, RequestReferenceLists? lists = null)
{
    private readonly RequestReferenceLists _lists = lists ?? new RequestReferenceLists();

    private HeatmapOptions Options => options.Value;

    private sealed record AreaTree(HeatmapOptions Options, IReadOnlyList<Area> Areas, IReadOnlyDictionary<int, int?> Parents, IReadOnlyDictionary<int, decimal> Tolerances);

    /// <summary>
    /// The tree and tolerances worked out once per version of the node's lists (and the options they were worked out
    /// with), not at every heatmap: they were a twentieth of its request.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ReferenceLists.Snapshot, AreaTree> Trees = [];

    private async Task<(IReadOnlyList<Area> Areas, IReadOnlyDictionary<int, int?> Parents, IReadOnlyDictionary<int, decimal> Tolerances)> AreasAsync(CancellationToken ct)
    {
        // The node's copy of the areas: an edit of an area, its tolerance included, records a reference change (ReadinessDbContext).
        var snapshot = await _lists.GetAsync(db, ct);
        if (!Trees.TryGetValue(snapshot, out var tree) || !ReferenceEquals(tree.Options, Options))
        {
            var areas = snapshot.Areas;
            var parents = areas.ToDictionary(a => a.Id, a => a.ParentId);
            var byId = areas.ToDictionary(a => a.Id);
            // The PMO's value for the area (Admin → Capacity), else configuration's: a change needs no restart.
            tree = new AreaTree(Options, areas, parents, ChangeLoad.Tolerances(parents, id => byId[id].ChangeTolerance ?? Options.ToleranceFor(byId[id].Code)));
            Trees.AddOrUpdate(snapshot, tree);
        }
        return (tree.Areas, tree.Parents, tree.Tolerances);
    }

    /// <summary>
    /// The impacts of the releases not closed whose load can fall in the weeks from <paramref name="first"/> to
    /// <paramref name="last"/> (Mondays): training starts <see cref="ChangeLoad.TrainingWeeks"/> weeks before the go-live
    /// week and hypercare ends at most <see cref="ChangeLoad.MaxHypercareWeeks"/> weeks after it, so only go-lives in that
    /// reach are read (an index range on T0), not the whole portfolio.
    /// </summary>
    private Task<List<LoadInput>> ImpactsAsync(DateOnly first, DateOnly last, CancellationToken ct)
    {
        var from = first.AddDays(-7 * (ChangeLoad.MaxHypercareWeeks + 1));
        var to = last.AddDays(7 * (ChangeLoad.TrainingWeeks + 1));
        return db.Impacts.AsNoTracking().Where(i => i.Release!.Status != ReleaseStatus.Closed && i.Release.GoLive >= from && i.Release.GoLive <= to)
            .Select(i => new LoadInput(i.ReleaseId, i.BusinessAreaId, i.Release!.GoLive, i.Headcount, i.Level, i.TrainingHoursPerPerson, i.HypercareWeeks))
            .ToListAsync(ct);
    }

    public DateOnly ThisWeek => ChangeLoad.WeekOf(clock.UtcNow, clock.Zone);

    public async Task<HeatmapView> GridAsync(DateOnly? from, CancellationToken ct)
    {
        var weeks = ChangeLoad.Weeks(from ?? ThisWeek, Options.Weeks);
        var (areas, parents, tolerances) = await AreasAsync(ct);
        // The kept table, not the impacts: a page reads areas × weeks rows at any size of portfolio.
        var grid = ChangeLoad.Rollup(parents, await AreaWeekLoads.OwnAsync(db, weeks[0], weeks[^1], ct), weeks);
        var children = areas.Where(a => a.ParentId is not null).ToLookup(a => a.ParentId!.Value);
        var byId = areas.ToDictionary(a => a.Id);
        var rows = new List<HeatRow>();
        void Walk(Area a, int depth)
        {
            var t = tolerances[a.Id];
            var cells = weeks.Select((w, i) => new HeatCell(w, grid[a.Id][i], t, ChangeLoad.Band(grid[a.Id][i], t, Options.AmberAt))).ToList();
            rows.Add(new HeatRow(a.Id, a.Code, a.Name, depth, a.ParentId is { } p ? byId[p].Code : null, children[a.Id].Any(), cells));
            foreach (var c in children[a.Id].OrderBy(c => c.Name, StringComparer.Ordinal)) Walk(c, depth + 1);
        }
        foreach (var top in areas.Where(a => a.ParentId is null || !byId.ContainsKey(a.ParentId.Value)).OrderBy(a => a.Name, StringComparer.Ordinal)) Walk(top, 0);
        return new HeatmapView(weeks, rows, ThisWeek, Options.AmberAt, Math.Max(1, Options.Weeks / 2));
    }

    /// <summary>The releases that make up one cell, with what each contributes and through which (descendant) area.</summary>
    public async Task<Result<HeatCellDetail>> CellAsync(string areaCode, DateOnly week, CancellationToken ct)
    {
        var monday = ChangeLoad.WeekStart(week);
        var (areas, parents, tolerances) = await AreasAsync(ct);
        var area = areas.FirstOrDefault(a => a.Code == areaCode);
        if (area is null) return Failures.NotFound($"Business area {areaCode}");
        var byId = areas.ToDictionary(a => a.Id);
        var impacts = await ImpactsAsync(monday, monday, ct);
        var releaseIds = impacts.Select(i => i.ReleaseId).Distinct().ToList();
        var releases = await db.Releases.AsNoTracking().Where(r => releaseIds.Contains(r.Id)).Select(r => new { r.Id, r.Code, r.Name, r.GoLive }).ToDictionaryAsync(r => r.Id, ct);
        var parts = impacts
            .Where(i => ChangeLoad.SelfAndAncestors(i.AreaId, parents).Contains(area.Id))
            .SelectMany(i => ChangeLoad.For(i).Where(c => c.Week == monday).Select(c =>
                new CellPart(releases[i.ReleaseId].Code, releases[i.ReleaseId].Name, i.GoLive, byId[i.AreaId].Code, byId[i.AreaId].Name, c.Part, c.Hours)))
            .OrderByDescending(p => p.Hours).ThenBy(p => p.ReleaseCode, StringComparer.Ordinal).ToList();
        var load = parts.Sum(p => p.Hours);
        var t = tolerances[area.Id];
        return Result<HeatCellDetail>.Ok(new HeatCellDetail(area.Code, area.Name, monday, load, t, ChangeLoad.Band(load, t, Options.AmberAt), parts));
    }

    /// <summary>
    /// Weeks in which the release adds load to an area (or an area above it) that is then over tolerance.
    /// <paramref name="shiftDays"/> moves the release's T0 first, for the "what if" on its page (nothing is saved).
    /// </summary>
    public async Task<ChangeLoadWarning?> WarningAsync(int releaseId, CancellationToken ct, int shiftDays = 0)
    {
        var mine = await db.Impacts.AsNoTracking().Where(i => i.ReleaseId == releaseId && i.Release!.Status != ReleaseStatus.Closed)
            .Select(i => new LoadInput(i.ReleaseId, i.BusinessAreaId, i.Release!.GoLive, i.Headcount, i.Level, i.TrainingHoursPerPerson, i.HypercareWeeks))
            .ToListAsync(ct);
        var placed = mine;
        if (shiftDays != 0) mine = mine.Select(i => i with { GoLive = i.GoLive.AddDays(shiftDays) }).ToList();
        if (mine.Count == 0) return null;
        var code = await db.Releases.Where(r => r.Id == releaseId).Select(r => r.Code).FirstAsync(ct);
        var (areas, parents, tolerances) = await AreasAsync(ct);
        var byId = areas.ToDictionary(a => a.Id);
        var weeks = mine.SelectMany(ChangeLoad.For).Select(c => c.Week).Distinct().Order().ToList();
        // The kept table holds every open release's load, this one's where it is now: take that away, add it where it would be.
        var stored = ChangeLoad.Rollup(parents, await AreaWeekLoads.OwnAsync(db, weeks[0], weeks[^1], ct), weeks);
        var now = ChangeLoad.Grid(parents, placed, weeks);
        var own = ChangeLoad.Grid(parents, mine, weeks);
        var total = stored.ToDictionary(a => a.Key, a => a.Value.Select((v, w) => v - now[a.Key][w] + own[a.Key][w]).ToArray());
        var over = new List<OverloadedWeek>();
        foreach (var areaId in mine.SelectMany(i => ChangeLoad.SelfAndAncestors(i.AreaId, parents)).Distinct())
            for (var w = 0; w < weeks.Count; w++)
                if (own[areaId][w] > 0 && total[areaId][w] > tolerances[areaId])
                    over.Add(new OverloadedWeek(byId[areaId].Code, byId[areaId].Name, weeks[w], total[areaId][w], tolerances[areaId], own[areaId][w]));
        return over.Count == 0 ? null : new ChangeLoadWarning(code, over.OrderBy(o => o.Week).ThenBy(o => o.AreaName, StringComparer.Ordinal).ToList());
    }
}
