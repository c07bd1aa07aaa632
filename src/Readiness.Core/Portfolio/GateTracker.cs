using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

/// <summary>Where a gate stands today. Complete wins over dates; otherwise the due date decides.</summary>
public enum GateStatus
{
    NotDue = 0,
    DueThisWeek = 1,
    Overdue = 2,
    Complete = 3,
}

/// <summary>
/// The tracker's filters. Dates are due dates, inclusive; the area includes the areas nested under it; a release code
/// narrows it to that release's gates; <see cref="Rag"/> keeps gates of one RAG ("None": not scored yet) and
/// <see cref="OpenOnly"/> the gates not complete (the dashboard's RAG counts link here).
/// </summary>
public sealed record TrackerFilter(string? Programme = null, string? Area = null, GateStatus? Status = null, DateOnly? From = null, DateOnly? To = null,
    string? Sort = null, bool Descending = false, int Page = 1, string? Release = null, string? Rag = null, bool OpenOnly = false);

/// <summary>A prerequisite release and whether it is late for the release that depends on it.</summary>
public sealed record DependencyFlag(string Code, string Name, DateOnly GoLive, ReleaseStatus Status, bool Late);

public sealed record TrackerRow(
    int GateId, int ReleaseId, string ProgrammeCode, string ProgrammeName, string ReleaseCode, string ReleaseName, DateOnly GoLive, ReleaseStatus ReleaseStatus,
    GateKind Kind, string GateName, int OffsetDays, DateOnly DueOn, GateStatus Status, int ImpactedAreas, int Submitted, int Approved,
    Rag? Rag, Dca? Dca, IReadOnlyList<DependencyFlag> DependsOn, Decision? Decision, int FailingCriteria)
{
    public bool Overdue => Status == GateStatus.Overdue;
    public IEnumerable<DependencyFlag> LateDependencies => DependsOn.Where(d => d.Late);
}

/// <summary>
/// A page of the tracker and how many gates match. With <see cref="More"/>, counting stopped at <see cref="Total"/>
/// (<see cref="GateTracker.CountAheadPages"/> past the page) and more match: <see cref="Pages"/> are the pages counted.
/// </summary>
public sealed record TrackerPage(IReadOnlyList<TrackerRow> Rows, int Page, int PageSize, int Total, bool More = false)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record PortfolioChoice(string Code, string Name);

/// <summary>
/// The PMO's gate tracker: every release × gate across programmes, with returns, RAG, DCA and flags. A page is read
/// from the gates' read model (<see cref="GateSummary"/>), filtered, sorted and paged in SQL, so it costs a page whatever
/// the size of the portfolio: one query for the rows, one for the count, one for the page's dependencies.
/// </summary>
public sealed partial class GateTracker(ReadinessDbContext db, ReadinessClock clock, RequestReferenceLists? lists = null)
{
    private readonly RequestReferenceLists _lists = lists ?? new RequestReferenceLists();

    public const int PageSize = 25;

    public static readonly IReadOnlyList<string> SortKeys = ["programme", "release", "t0", "gate", "due", "status", "submitted", "approved", "rag"];

    public async Task<TrackerPage> PageAsync(TrackerFilter filter, CancellationToken ct)
    {
        // The risk order, filtered or not, is the tracker as the PMO opens it: compiled (GateTracker.RiskOrder.cs).
        if (filter.Sort is null && !filter.Descending && await RiskOrderArgsAsync(filter, ct) is { } args) return await RiskOrderPageAsync(args, filter.Page, ct);
        var summaries = await MatchingAsync(filter, ct);
        // Counted on the read model alone: every summary has its gate, release and programme (foreign keys), so the joins add nothing to the count.
        var (total, more) = Trimmed(filter.Area) is null ? (await summaries.CountAsync(ct), false) : Counted(await summaries.Take(CountLimit(filter.Page)).CountAsync(ct), filter.Page);
        var query = WithNames(summaries);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await RowsOfAsync(Sorted(query, filter).Skip((page - 1) * PageSize).Take(PageSize), ct);
        return new TrackerPage(rows, page, PageSize, total, more);
    }

    /// <summary>
    /// How many pages past the one asked for a filter by area counts. That filter checks each gate's impacts, so
    /// counting every match read every gate that matches the rest of the filter: the last cost that grew with the
    /// portfolio (751 overdue gates checked at scale 10, against 74 at scale 1). The page says "more than" beyond it.
    /// </summary>
    public const int CountAheadPages = 10;

    /// <summary>
    /// The most gates the count reads for <paramref name="requested"/>: up to <see cref="CountAheadPages"/> past it,
    /// and one more to know whether any follow. A page past the end is counted exactly, so it is clamped to the last.
    /// </summary>
    private static int CountLimit(int requested) => (int)Math.Min(int.MaxValue - 1, ((long)Math.Max(requested, 1) - 1 + CountAheadPages) * PageSize) + 1;

    /// <summary>The total and whether more match, from a count stopped at <see cref="CountLimit"/>.</summary>
    private static (int Total, bool More) Counted(int counted, int requested) =>
        counted == CountLimit(requested) ? (counted - 1, true) : (counted, false);

    /// <summary>Every row that matches the filter, sorted (the exports use all of them).</summary>
    public async Task<IReadOnlyList<TrackerRow>> RowsAsync(TrackerFilter filter, CancellationToken ct) =>
        await RowsOfAsync(Sorted(await FilteredAsync(filter, ct), filter), ct);

    /// <summary>The first <paramref name="take"/> rows that match the filter, sorted (the dashboard's short lists).</summary>
    public async Task<IReadOnlyList<TrackerRow>> TopAsync(TrackerFilter filter, int take, CancellationToken ct) =>
        await RowsOfAsync(Sorted(await FilteredAsync(filter, ct), filter).Take(take), ct);

    /// <summary>How many gates are in each status, and how many open gates have each worst RAG (rank), counted in SQL.</summary>
    public async Task<(IReadOnlyDictionary<GateStatus, int> ByStatus, IReadOnlyDictionary<Rag, int> OpenByRag, int OpenNotScored)> CountsAsync(CancellationToken ct)
    {
        var today = clock.Today;
        var week = today.AddDays(7);
        var byStatus = await db.GateSummaries.AsNoTracking()
            .GroupBy(s => s.Complete ? GateStatus.Complete : s.DueOn < today ? GateStatus.Overdue : s.DueOn < week ? GateStatus.DueThisWeek : GateStatus.NotDue)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var open = false; // a parameter, so SQLite seeks the open gates in the (complete, due) index: see MatchingAsync
        var byRank = await db.GateSummaries.AsNoTracking().Where(s => s.Complete == open).GroupBy(s => s.RagRank)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return (Enum.GetValues<GateStatus>().ToDictionary(s => s, s => byStatus.GetValueOrDefault(s)),
            Enum.GetValues<Rag>().ToDictionary(r => r, r => byRank.GetValueOrDefault(GateSummary.RankOf(r))), byRank.GetValueOrDefault(GateSummary.NotScored));
    }

    /// <summary>A gate row of the tracker before its dependencies are added: the read model joined to the names it shows.</summary>
    /// (Member initialisation, not a constructor: EF Core can then filter and sort on its members.)
    private sealed class Joined
    {
        public required GateSummary S { get; init; }
        public required string ProgrammeCode { get; init; }
        public required string ProgrammeName { get; init; }
        public required string ReleaseName { get; init; }
        public required ReleaseStatus ReleaseStatus { get; init; }
        public required string GateName { get; init; }
    }

    private async Task<IQueryable<Joined>> FilteredAsync(TrackerFilter filter, CancellationToken ct) => WithNames(await MatchingAsync(filter, ct));

    /// <summary>The gate summaries that match the filter.</summary>
    private async Task<IQueryable<GateSummary>> MatchingAsync(TrackerFilter filter, CancellationToken ct)
    {
        var today = clock.Today;
        var week = today.AddDays(7);
        var summaries = db.GateSummaries.AsNoTracking();
        if (Trimmed(filter.Release) is { } release) summaries = summaries.Where(s => s.ReleaseCode == release);
        if (Trimmed(filter.Area) is { } area)
        {
            var areaIds = await AreaAndDescendantsAsync(area, ct);
            // `+ 0` keeps SQLite from seeking (release, area) once per area of the filter for every gate: it seeks the
            // release's few impacts once and checks each against the list, which halved the count on the scale-10
            // portfolio (a directorate of 10 areas, 900 overdue gates: 2.4 to 1.0 ms; 0.55 ms with the release in the index).
            summaries = summaries.Where(s => db.Impacts.Any(i => i.ReleaseId == s.ReleaseId && areaIds.Contains(i.BusinessAreaId + 0)));
        }
        // Compared with a variable (a parameter in SQL), not written `!s.Complete`: EF Core writes that as NOT Complete,
        // which SQLite cannot seek in the read model's (complete, due) index, so it read every gate of the portfolio.
        var (open, complete) = (false, true);
        summaries = filter.Status switch
        {
            GateStatus.Complete => summaries.Where(s => s.Complete == complete),
            GateStatus.Overdue => summaries.Where(s => s.Complete == open && s.DueOn < today),
            GateStatus.DueThisWeek => summaries.Where(s => s.Complete == open && s.DueOn >= today && s.DueOn < week),
            GateStatus.NotDue => summaries.Where(s => s.Complete == open && s.DueOn >= week),
            _ => summaries,
        };
        if (filter.OpenOnly) summaries = summaries.Where(s => s.Complete == open);
        if (Trimmed(filter.Rag) is { } rag)
        {
            var rank = Enum.TryParse<Rag>(rag, ignoreCase: true, out var wanted) ? GateSummary.RankOf(wanted) : GateSummary.NotScored;
            summaries = summaries.Where(s => s.RagRank == rank);
        }
        if (filter.From is { } from) summaries = summaries.Where(s => s.DueOn >= from);
        if (filter.To is { } to) summaries = summaries.Where(s => s.DueOn <= to);
        // The programme's id as one value (a sub-query that does not depend on the gate), so the database seeks the
        // programme's gates in its index; asked per gate (`Any` on the programme), it read every gate of the portfolio.
        // No such programme is id 0, which no gate has.
        if (Trimmed(filter.Programme) is { } programme)
            summaries = summaries.Where(s => s.ProgrammeId == db.Programmes.Where(p => p.Code == programme).Select(p => p.Id).FirstOrDefault());
        return summaries;
    }

    /// <summary>The summaries joined to the names the rows show.</summary>
    private IQueryable<Joined> WithNames(IQueryable<GateSummary> summaries) =>
        from s in summaries
        join g in db.Gates on s.GateId equals g.Id
        join r in db.Releases on s.ReleaseId equals r.Id
        join p in db.Programmes on s.ProgrammeId equals p.Id
        select new Joined { S = s, ProgrammeCode = p.Code, ProgrammeName = p.Name, ReleaseName = r.Name, ReleaseStatus = r.Status, GateName = g.Name };

    private IQueryable<Joined> Sorted(IQueryable<Joined> rows, TrackerFilter filter)
    {
        var today = clock.Today;
        var week = today.AddDays(7);
        var descending = filter.Descending;
        IOrderedQueryable<Joined> By<T>(System.Linq.Expressions.Expression<Func<Joined, T>> key) => descending ? rows.OrderByDescending(key) : rows.OrderBy(key);
        var sorted = filter.Sort switch
        {
            "programme" => By(j => j.ProgrammeName),
            "release" => By(j => j.S.ReleaseCode),
            "t0" => By(j => j.S.GoLive),
            "gate" => By(j => j.S.OffsetDays),
            // GateStatus's own order: not due, due this week, overdue, complete.
            "status" => By(j => j.S.Complete ? 3 : j.S.DueOn < today ? 2 : j.S.DueOn < week ? 1 : 0),
            "submitted" => By(j => j.S.Submitted),
            "approved" => By(j => j.S.Approved),
            "rag" => By(j => j.S.RagRank),
            "due" => By(j => j.S.DueOn),
            // Unsorted, the PMO's question comes first: what is at risk — overdue, then due this week, then later, then done.
            // Among open gates that order is the due date's, so ascending it is the read model's index (complete, due).
            _ when !descending => rows.OrderBy(j => j.S.Complete),
            _ => rows.OrderByDescending(j => j.S.Complete ? 3 : j.S.DueOn < today ? 0 : j.S.DueOn < week ? 1 : 2),
        };
        return sorted.ThenBy(j => j.S.DueOn).ThenBy(j => j.S.ReleaseCode).ThenBy(j => j.S.OffsetDays);
    }

    private async Task<IReadOnlyList<TrackerRow>> RowsOfAsync(IQueryable<Joined> query, CancellationToken ct) =>
        await RowsOfAsync(await query.ToListAsync(ct), ct);

    private async Task<IReadOnlyList<TrackerRow>> RowsOfAsync(List<Joined> raw, CancellationToken ct)
    {
        var today = clock.Today;
        // Only releases that have prerequisites: a page of releases without any asks nothing more.
        var dependencies = await DependenciesAsync(raw.Where(r => r.S.Dependencies > 0).Select(r => r.S.ReleaseId).Distinct().ToList(), ct);
        return raw.Select(j =>
        {
            var s = j.S;
            return new TrackerRow(s.GateId, s.ReleaseId, j.ProgrammeCode, j.ProgrammeName, s.ReleaseCode, j.ReleaseName, s.GoLive, j.ReleaseStatus, s.Kind, j.GateName,
                s.OffsetDays, s.DueOn, StatusOf(s.Complete, s.DueOn, today), s.ImpactedAreas, s.Submitted, s.Approved, s.WorstRag,
                // The SRO's DCA is given at the go / no-go gate: the other gates of the release have none of their own.
                s.Kind == GateKind.GoNoGo ? s.GoDca : null, dependencies.TryGetValue(s.ReleaseId, out var d) ? d : [],
                s.Kind == GateKind.GoNoGo ? s.GoDecision : null, s.FailingCriteria);
        }).ToList();
    }

    public static GateStatus StatusOf(bool complete, DateOnly due, DateOnly today) =>
        complete ? GateStatus.Complete
        : due < today ? GateStatus.Overdue
        : due.DayNumber - today.DayNumber < 7 ? GateStatus.DueThisWeek
        : GateStatus.NotDue;

    /// <summary>
    /// A prerequisite is late when it is planned to go live after the release that depends on it, or when it is
    /// not live by that release's T0.
    /// </summary>
    public static bool IsLate(DateOnly prerequisiteGoLive, ReleaseStatus prerequisiteStatus, DateOnly dependentGoLive, DateOnly today) =>
        prerequisiteGoLive > dependentGoLive
        || (today >= dependentGoLive && prerequisiteStatus is not (ReleaseStatus.Live or ReleaseStatus.Closed));

    /// <summary>Each release's prerequisites with their late flags, keyed by the dependent release.</summary>
    public async Task<Dictionary<int, IReadOnlyList<DependencyFlag>>> DependenciesAsync(IReadOnlyCollection<int> releaseIds, CancellationToken ct)
    {
        var today = clock.Today;
        var rows = releaseIds.Count == 0 ? [] : await DependenciesOf.For(db)(db, releaseIds as List<int> ?? [.. releaseIds]).ToListAsync(ct);
        return rows.GroupBy(r => r.ReleaseId).ToDictionary(g => g.Key, g => (IReadOnlyList<DependencyFlag>)g.OrderBy(x => x.GoLive)
            .Select(x => new DependencyFlag(x.Code, x.Name, x.GoLive, x.Status, IsLate(x.GoLive, x.Status, x.DependentGoLive, today))).ToList());
    }

    private sealed record DependencyRow(int ReleaseId, DateOnly DependentGoLive, string Code, string Name, DateOnly GoLive, ReleaseStatus Status);

    /// <summary>The prerequisites of the releases a page shows. Compiled once: every tracker and timeline page runs it.</summary>
    private static readonly CompiledPerModel<Func<ReadinessDbContext, List<int>, IAsyncEnumerable<DependencyRow>>> DependenciesOf = new(() => EF.CompileAsyncQuery(
        (ReadinessDbContext db, List<int> releaseIds) =>
            from d in db.ReleaseDependencies.AsNoTracking()
            where releaseIds.Contains(d.ReleaseId)
            join dependent in db.Releases on d.ReleaseId equals dependent.Id
            join pre in db.Releases on d.DependsOnReleaseId equals pre.Id
            select new DependencyRow(d.ReleaseId, dependent.GoLive, pre.Code, pre.Name, pre.GoLive, pre.Status)));

    /// <summary>The area and those nested under it, at any depth, from the node's copy of the areas (<see cref="ReferenceLists"/>).</summary>
    private async Task<List<int>> AreaAndDescendantsAsync(string code, CancellationToken ct)
    {
        var all = (await _lists.GetAsync(db, ct)).Areas;
        var result = all.Where(a => a.Code == code).Select(a => a.Id).ToList();
        for (var i = 0; i < result.Count; i++) result.AddRange(all.Where(a => a.ParentId == result[i]).Select(a => a.Id));
        return result;
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
