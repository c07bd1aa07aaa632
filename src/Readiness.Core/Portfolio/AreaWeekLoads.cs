using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

/// <summary>
/// Keeps <see cref="AreaWeekLoad"/> right, the way <see cref="GateSummaries"/> keeps the tracker: the context's save
/// asks <see cref="Collect"/> which releases the pending changes touch (an impact added, edited or removed; T0 moved;
/// a release added, removed, closed or reopened) and, once they are flushed, <see cref="RefreshAsync"/> moves the table
/// by the difference between what those releases' impacts put on it before (<see cref="ImpactLoadBasis"/>) and what
/// they put on it now, in the same transaction. Two writers on PostgreSQL read basis and impacts from one snapshot
/// (REPEATABLE READ), and two that move the same cell collide on its row and one is retried; on SQLite writers queue.
/// </summary>
public static class AreaWeekLoads
{
    /// <summary>Rows per upsert statement: three parameters each, well inside both providers' limits.</summary>
    private const int RowsPerStatement = 200;

    /// <summary>What the pending changes alter in the load: changes to anything the load model does not read are skipped.</summary>
    public static TouchedReleases Collect(IEnumerable<EntityEntry> changed)
    {
        var touched = new TouchedReleases();
        foreach (var e in changed)
        {
            switch (e.Entity)
            {
                case Impact i when e.State != EntityState.Modified || TouchedReleases.Changed(e, nameof(Impact.Headcount), nameof(Impact.Level),
                                                                                                 nameof(Impact.TrainingHoursPerPerson), nameof(Impact.HypercareWeeks), nameof(Impact.BusinessAreaId)):
                    touched.Note(e, i, x => x.ReleaseId);
                    break;
                case Release r when e.State != EntityState.Modified || TouchedReleases.Changed(e, nameof(Release.GoLive), nameof(Release.Status)):
                    touched.Note(e, r, x => x.Id);
                    break;
            }
        }
        return touched;
    }

    /// <summary>
    /// Moves the load of <paramref name="releaseIds"/> from what their basis says to what their impacts say now (flushed,
    /// same transaction). The cells are written at once; the basis rows are left for the caller's save.
    /// </summary>
    public static async Task RefreshAsync(ReadinessDbContext db, IReadOnlyCollection<int> releaseIds, CancellationToken ct)
    {
        if (releaseIds.Count == 0) return;
        var ids = releaseIds.ToList();
        var basis = await db.ImpactLoadBases.Where(b => ids.Contains(b.ReleaseId)).ToDictionaryAsync(b => b.ImpactId, ct);
        var now = await db.Impacts.AsNoTracking().Where(i => ids.Contains(i.ReleaseId) && i.Release!.Status != ReleaseStatus.Closed)
            .Select(i => new { i.Id, Input = new LoadInput(i.ReleaseId, i.BusinessAreaId, i.Release!.GoLive, i.Headcount, i.Level, i.TrainingHoursPerPerson, i.HypercareWeeks) })
            .ToListAsync(ct);

        var delta = new Dictionary<(int AreaId, DateOnly Week), long>();
        foreach (var b in basis.Values) AddTo(delta, b.Input, -1);
        foreach (var i in now) AddTo(delta, i.Input, +1);
        await MoveAsync(db, delta.Where(d => d.Value != 0).ToList(), ct);

        foreach (var i in now)
        {
            if (!basis.Remove(i.Id, out var row)) db.ImpactLoadBases.Add(new ImpactLoadBasis(i.Id, i.Input));
            else if (row.Input != i.Input) row.Apply(i.Input);
        }
        db.ImpactLoadBases.RemoveRange(basis.Values);
    }

    /// <summary>
    /// Gives the load of every open release's impacts that has none yet its place: for databases whose impacts predate
    /// the table (run at start-up after migrating; a no-op afterwards). In chunks of releases, each saved on its own.
    /// </summary>
    public static async Task<int> BackfillAsync(ReadinessDbContext db, CancellationToken ct, int releasesPerChunk = 200)
    {
        var missing = await db.Impacts.Where(i => i.Release!.Status != ReleaseStatus.Closed && !db.ImpactLoadBases.Any(b => b.ImpactId == i.Id))
            .Select(i => i.ReleaseId).Distinct().OrderBy(id => id).ToListAsync(ct);
        foreach (var chunk in missing.Chunk(releasesPerChunk))
        {
            await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            await RefreshAsync(db, chunk, ct);
            await db.SaveChangesAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return missing.Count;
    }

    /// <summary>Each area's own load (sub-areas not added) in the weeks from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static async Task<IReadOnlyList<(int AreaId, DateOnly Week, decimal Hours)>> OwnAsync(ReadinessDbContext db, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var rows = new List<(int AreaId, DateOnly Week, decimal Hours)>();
        await foreach (var area in CellsBetween.For(db)(db, first, last).WithCancellation(ct))
            foreach (var (day, units) in CellList.Parse(area.Cells))
                rows.Add((area.AreaId, DateOnly.FromDayNumber(day), Hours(units)));
        return rows;
    }

    /// <summary>
    /// The table's units as hours. Units are ten-thousandths of an hour, the scale of OLE Automation's currency, so this
    /// is exact and costs no division (decimal division was a twentieth of a heatmap in a profile). Should
    /// <see cref="AreaWeekLoad.UnitsPerHour"/> change, the read-model tests compare this with <see cref="AreaWeekLoad.Hours"/>.
    /// </summary>
    private static decimal Hours(long units) => decimal.FromOACurrency(units);

    /// <summary>
    /// Compiled once: every heatmap reads its weeks' cells (up to a thousand) this way, one row per area with its
    /// weeks joined into one text (<see cref="CellList"/>; group_concat on SQLite, string_agg on PostgreSQL). Read a
    /// row per cell, each value crossed into SQLite and back on its own, and that was a quarter of the heatmap's
    /// request in a profile. The week comes as its day number, computed in SQL: read as a date, each row's text was
    /// parsed by .NET's general date parser.
    /// </summary>
    private static readonly CompiledPerModel<Func<ReadinessDbContext, DateOnly, DateOnly, IAsyncEnumerable<AreaCells>>> CellsBetween = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, DateOnly first, DateOnly last) =>
            db.AreaWeekLoads.AsNoTracking().Where(l => l.Week >= first && l.Week <= last).GroupBy(l => l.AreaId)
                .Select(g => new AreaCells(g.Key, string.Join(CellList.Separator, g.Select(l => l.Week.DayNumber.ToString() + CellList.Pair + l.Units.ToString()))))));

    private sealed record AreaCells(int AreaId, string Cells);

    /// <summary>The load every impact puts on its own area in each week, in the table's units: what the table must hold.</summary>
    public static Dictionary<(int AreaId, DateOnly Week), long> Compute(IEnumerable<LoadInput> impacts)
    {
        var cells = new Dictionary<(int, DateOnly), long>();
        foreach (var i in impacts) AddTo(cells, i, +1);
        return cells;
    }

    private static void AddTo(Dictionary<(int, DateOnly), long> cells, LoadInput input, int sign)
    {
        foreach (var c in ChangeLoad.For(input))
        {
            var key = (input.AreaId, c.Week);
            cells[key] = cells.GetValueOrDefault(key) + sign * AreaWeekLoad.ToUnits(c.Hours);
        }
    }

    /// <summary>Adds each difference to its cell in SQL (an upsert: both providers speak <c>ON CONFLICT</c>), then drops emptied cells.</summary>
    private static async Task MoveAsync(ReadinessDbContext db, List<KeyValuePair<(int AreaId, DateOnly Week), long>> moves, CancellationToken ct)
    {
        if (moves.Count == 0) return;
        foreach (var chunk in moves.Chunk(RowsPerStatement))
        {
            // Placeholders {0}, {1}, … become parameters; only the numbers of them are written into the text.
            var values = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => $"({{{3 * i}}}, {{{3 * i + 1}}}, {{{3 * i + 2}}})"));
            var sql = new StringBuilder("INSERT INTO \"AreaWeekLoads\" (\"AreaId\", \"Week\", \"Units\") VALUES ").Append(values);
            var args = chunk.SelectMany(m => new object[] { m.Key.AreaId, m.Key.Week, m.Value }).ToArray();
            sql.Append(" ON CONFLICT (\"AreaId\", \"Week\") DO UPDATE SET \"Units\" = \"AreaWeekLoads\".\"Units\" + excluded.\"Units\"");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), args, ct);
        }
        if (moves.Any(m => m.Value < 0)) await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AreaWeekLoads\" WHERE \"Units\" = 0", ct);
    }
}
