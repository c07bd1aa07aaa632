using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Indicators;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Dashboards;

/// <summary>How many gates are in each status, and how many of the gates still open have each RAG (null: not scored).</summary>
public sealed record GateCounts(int Overdue, int DueThisWeek, int NotDue, int Complete, IReadOnlyDictionary<Rag, int> OpenByRag, int OpenNotScored);

/// <summary>Decisions waiting, by how long they have waited.</summary>
public sealed record AgeBucket(string Words, int FromDays, int? ToDays, int Count);

public sealed record OpenAlert(int IndicatorId, string IndicatorName, string ReleaseCode, string AreaName, string Severity, AlertStatus Status, DateTime OpenedAtUtc);

/// <summary>An area over its change tolerance in the weeks ahead: its worst week and how far over it is.</summary>
public sealed record OverTolerance(string AreaCode, string AreaName, DateOnly WorstWeek, decimal Load, decimal Tolerance, int WeeksOver);

/// <summary>The PMO's portfolio at a glance; every figure links to the list it counts.</summary>
public sealed record PmoSection(
    GateCounts Gates, IReadOnlyList<TrackerRow> Overdue, IReadOnlyList<TrackerRow> ThisWeek, IReadOnlyList<AgeBucket> StuckByAge,
    int StuckTotal, IReadOnlyList<OpenAlert> Alerts, IReadOnlyList<OverTolerance> OverTolerance);

public sealed class PmoDashboard(ReadinessDbContext db, GateTracker tracker, StuckApprovals stuck, HeatmapQueries heatmap)
{
    public const int ListLimit = 5;

    public async Task<PmoSection> ForAsync(CancellationToken ct)
    {
        // Counted in SQL on the gates' read model; the two short lists are the tracker's first rows.
        var (byStatus, openByRag, openNotScored) = await tracker.CountsAsync(ct);
        var counts = new GateCounts(byStatus[GateStatus.Overdue], byStatus[GateStatus.DueThisWeek], byStatus[GateStatus.NotDue], byStatus[GateStatus.Complete],
            openByRag, openNotScored);

        var (waiting, atLeast) = await stuck.AgesAsync([3, 6, 11], ct);
        int AtLeast(int days) => days == 0 ? waiting : atLeast[days];
        AgeBucket Bucket(string words, int from, int? to) => new(words, from, to, AtLeast(from) - (to is { } t ? AtLeast(t + 1) : 0));
        var ages = new List<AgeBucket> { Bucket("0 to 2 days", 0, 2), Bucket("3 to 5 days", 3, 5), Bucket("6 to 10 days", 6, 10), Bucket("over 10 days", 11, null) };

        var alerts = await (from a in db.IndicatorAlerts.AsNoTracking()
                            where a.Status != AlertStatus.Resolved
                            join i in db.LeadIndicators on a.IndicatorId equals i.Id
                            join r in db.Releases on i.ReleaseId equals r.Id
                            join b in db.BusinessAreas on i.BusinessAreaId equals b.Id
                            select new OpenAlert(i.Id, i.Name, r.Code, b.Name, a.Severity, a.Status, a.OpenedAtUtc)).ToListAsync(ct);

        var grid = await heatmap.GridAsync(null, ct);
        var over = grid.Rows.Select(row => (row, cells: row.Cells.Where(c => c.Band == HeatBand.Over).ToList()))
            .Where(x => x.cells.Count > 0)
            .Select(x =>
            {
                var worst = x.cells.OrderByDescending(c => c.Load / c.Tolerance).First();
                return new OverTolerance(x.row.Code, x.row.Name, worst.Week, worst.Load, worst.Tolerance, x.cells.Count);
            })
            .OrderByDescending(o => o.Load / o.Tolerance).ToList();

        return new PmoSection(counts,
            await tracker.TopAsync(new TrackerFilter(Status: GateStatus.Overdue, Sort: "due"), ListLimit, ct),
            await tracker.TopAsync(new TrackerFilter(Status: GateStatus.DueThisWeek, Sort: "due"), ListLimit, ct),
            ages, waiting, alerts.OrderByDescending(a => a.OpenedAtUtc).ToList(), over);
    }
}
