using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

public sealed partial class GateTracker
{
    /// <summary>
    /// A filter as the compiled risk-order query takes it: each value null when that filter is not set. The status and
    /// the due-date filters become one range of due dates (from inclusive, before exclusive) and whether the gate is complete.
    /// </summary>
    private sealed record RiskOrderArgs(string? Release, List<int>? AreaIds, bool? Complete, DateOnly? From, DateOnly? Before, int? Rank, string? Programme);

    /// <summary>
    /// The filter as the compiled query's arguments, or null when it cannot say it (a status of complete with open gates
    /// only): the query built for the filter answers those.
    /// </summary>
    private async Task<RiskOrderArgs?> RiskOrderArgsAsync(TrackerFilter filter, CancellationToken ct)
    {
        var today = clock.Today;
        var week = today.AddDays(7);
        (bool? complete, DateOnly? from, DateOnly? before) = filter.Status switch
        {
            GateStatus.Complete => (true, null, null),
            GateStatus.Overdue => (false, null, today),
            GateStatus.DueThisWeek => (false, today, week),
            GateStatus.NotDue => (false, week, (DateOnly?)null),
            _ => ((bool?)null, (DateOnly?)null, (DateOnly?)null),
        };
        if (filter.OpenOnly)
        {
            if (complete == true) return null;
            complete = false;
        }
        if (filter.From is { } f && (from is null || f > from)) from = f;
        // "Due to" is inclusive: the day after it is the exclusive end (none after the last day there is).
        if (filter.To is { } to && to < DateOnly.MaxValue && (before is null || to.AddDays(1) < before)) before = to.AddDays(1);
        int? rank = Trimmed(filter.Rag) is { } rag
            ? Enum.TryParse<Rag>(rag, ignoreCase: true, out var wanted) ? GateSummary.RankOf(wanted) : GateSummary.NotScored
            : null;
        var areaIds = Trimmed(filter.Area) is { } area ? await AreaAndDescendantsAsync(area, ct) : null;
        return new RiskOrderArgs(Trimmed(filter.Release), areaIds, complete, from, before, rank, Trimmed(filter.Programme));
    }

    /// <summary>
    /// The tracker in the risk order, as the PMO opens and filters it: one compiled count and one compiled page, so a
    /// request skips building and funcletizing their LINQ. A filter not set is a null argument, and EF Core writes SQL
    /// for the arguments that are set (it caches one command per combination of nulls), so each filter keeps the
    /// index it seeks. They are the queries <see cref="MatchingAsync"/>, <see cref="WithNames"/> and
    /// <see cref="Sorted"/> build, written out (a compiled query cannot call them); <c>PortfolioTrackerTests</c>
    /// compares the two, filter by filter and page by page.
    /// </summary>
    private async Task<TrackerPage> RiskOrderPageAsync(RiskOrderArgs args, int requested, CancellationToken ct)
    {
        var (total, more) = args.AreaIds is null
            ? (await RiskOrderCount.For(db)(db, args.Release, args.Complete, args.From, args.Before, args.Rank, args.Programme, ct), false)
            : Counted(await RiskOrderCountInAreas.For(db)(db, args.Release, args.AreaIds, args.Complete, args.From, args.Before, args.Rank, args.Programme, CountLimit(requested), ct), requested);
        var page = Math.Clamp(requested, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var raw = await RiskOrderPage.For(db)(db, args.Release, args.AreaIds, args.Complete, args.From, args.Before, args.Rank, args.Programme, (page - 1) * PageSize, PageSize)
            .ToListAsync(ct);
        return new TrackerPage(await RowsOfAsync(raw, ct), page, PageSize, total, more);
    }

    // Compared with `complete` (a parameter), never written `!s.Complete`, the area as `BusinessAreaId + 0` and the programme
    // as one id: see MatchingAsync.
    //
    // Without an area every filter is a range of an index, counted whole (an exact total costs the index range, not a row each).
    private static readonly CompiledPerModel<Func<ReadinessDbContext, string?, bool?, DateOnly?, DateOnly?, int?, string?, CancellationToken, Task<int>>> RiskOrderCount = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, string? release, bool? complete, DateOnly? dueFrom, DateOnly? dueBefore, int? rank, string? programme, CancellationToken ct) =>
            db.GateSummaries.Count(s =>
                (release == null || s.ReleaseCode == release)
                && (complete == null || s.Complete == complete)
                && (dueFrom == null || s.DueOn >= dueFrom)
                && (dueBefore == null || s.DueOn < dueBefore)
                && (rank == null || s.RagRank == rank)
                && (programme == null || s.ProgrammeId == db.Programmes.Where(p => p.Code == programme).Select(p => p.Id).FirstOrDefault()))));

    // With an area, each gate's impacts are checked: the count stops at the limit (CountLimit).
    private static readonly CompiledPerModel<Func<ReadinessDbContext, string?, List<int>, bool?, DateOnly?, DateOnly?, int?, string?, int, CancellationToken, Task<int>>> RiskOrderCountInAreas = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, string? release, List<int> areaIds, bool? complete, DateOnly? dueFrom, DateOnly? dueBefore, int? rank, string? programme, int limit, CancellationToken ct) =>
            db.GateSummaries.Where(s =>
                (release == null || s.ReleaseCode == release)
                && db.Impacts.Any(i => i.ReleaseId == s.ReleaseId && areaIds.Contains(i.BusinessAreaId + 0))
                && (complete == null || s.Complete == complete)
                && (dueFrom == null || s.DueOn >= dueFrom)
                && (dueBefore == null || s.DueOn < dueBefore)
                && (rank == null || s.RagRank == rank)
                && (programme == null || s.ProgrammeId == db.Programmes.Where(p => p.Code == programme).Select(p => p.Id).FirstOrDefault()))
            .Take(limit).Count()));

    private static readonly CompiledPerModel<Func<ReadinessDbContext, string?, List<int>?, bool?, DateOnly?, DateOnly?, int?, string?, int, int, IAsyncEnumerable<Joined>>> RiskOrderPage = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, string? release, List<int>? areaIds, bool? complete, DateOnly? dueFrom, DateOnly? dueBefore, int? rank, string? programme, int skip, int take) =>
            (from s in db.GateSummaries.AsNoTracking()
             where (release == null || s.ReleaseCode == release)
                   && (areaIds == null || db.Impacts.Any(i => i.ReleaseId == s.ReleaseId && areaIds.Contains(i.BusinessAreaId + 0)))
                   && (complete == null || s.Complete == complete)
                   && (dueFrom == null || s.DueOn >= dueFrom)
                   && (dueBefore == null || s.DueOn < dueBefore)
                   && (rank == null || s.RagRank == rank)
                   && (programme == null || s.ProgrammeId == db.Programmes.Where(p => p.Code == programme).Select(p => p.Id).FirstOrDefault())
             join g in db.Gates on s.GateId equals g.Id
             join r in db.Releases on s.ReleaseId equals r.Id
             join p in db.Programmes on s.ProgrammeId equals p.Id
             select new Joined { S = s, ProgrammeCode = p.Code, ProgrammeName = p.Name, ReleaseName = r.Name, ReleaseStatus = r.Status, GateName = g.Name })
            .OrderBy(j => j.S.Complete).ThenBy(j => j.S.DueOn).ThenBy(j => j.S.ReleaseCode).ThenBy(j => j.S.OffsetDays)
            .Skip(skip).Take(take)));
}
