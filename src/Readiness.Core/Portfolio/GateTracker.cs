using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
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
    int GateId, string ProgrammeCode, string ProgrammeName, string ReleaseCode, string ReleaseName, DateOnly GoLive, ReleaseStatus ReleaseStatus,
    GateKind Kind, string GateName, int OffsetDays, DateOnly DueOn, GateStatus Status, int ImpactedAreas, int Submitted, int Approved,
    Rag? Rag, Dca? Dca, IReadOnlyList<DependencyFlag> DependsOn, Decision? Decision = null)
{
    public bool Overdue => Status == GateStatus.Overdue;
    public IEnumerable<DependencyFlag> LateDependencies => DependsOn.Where(d => d.Late);
}

public sealed record TrackerPage(IReadOnlyList<TrackerRow> Rows, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record PortfolioChoice(string Code, string Name);

/// <summary>
/// The PMO's gate tracker: every release × gate across programmes, with returns, RAG, DCA and flags. One projection
/// query for the gates and one for the dependencies, whatever the number of rows.
/// </summary>
public sealed class GateTracker(ReadinessDbContext db, ReadinessClock clock)
{
    public const int PageSize = 25;

    public static readonly IReadOnlyList<string> SortKeys = ["programme", "release", "t0", "gate", "due", "status", "submitted", "approved", "rag"];

    public async Task<TrackerPage> PageAsync(TrackerFilter filter, CancellationToken ct)
    {
        var rows = await RowsAsync(filter, ct);
        var pages = Math.Max(1, (rows.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        return new TrackerPage(rows.Skip((page - 1) * PageSize).Take(PageSize).ToList(), page, PageSize, rows.Count);
    }

    /// <summary>Every row that matches the filter, sorted (the exports use all of them).</summary>
    public async Task<IReadOnlyList<TrackerRow>> RowsAsync(TrackerFilter filter, CancellationToken ct)
    {
        var today = clock.Today;
        var gates = db.Gates.AsNoTracking();
        if (Trimmed(filter.Programme) is { } programme) gates = gates.Where(g => g.Release!.Programme!.Code == programme);
        if (Trimmed(filter.Release) is { } release) gates = gates.Where(g => g.Release!.Code == release);
        if (Trimmed(filter.Area) is { } area)
        {
            var areaIds = await AreaAndDescendantsAsync(area, ct);
            gates = gates.Where(g => g.Release!.Impacts.Any(i => areaIds.Contains(i.BusinessAreaId)));
        }
        var raw = await gates.Select(g => new
        {
            g.Id, ProgrammeCode = g.Release!.Programme!.Code, ProgrammeName = g.Release.Programme.Name, g.ReleaseId, ReleaseCode = g.Release.Code,
            ReleaseName = g.Release.Name, g.Release.GoLive, ReleaseStatus = g.Release.Status, g.Kind, g.Name, g.DueOffsetDays,
            Impacted = g.Release.Impacts.Count,
            Submitted = db.Assessments.Count(a => (a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId)) && (a.Status == AssessmentStatus.Submitted || a.Status == AssessmentStatus.Approved || a.Status == AssessmentStatus.ApprovedWithConditions)),
            Approved = db.Assessments.Count(a => (a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId)) && (a.Status == AssessmentStatus.Approved || a.Status == AssessmentStatus.ApprovedWithConditions)),
            Returns = db.Assessments.Count(a => (a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId))),
            // The go / no-go gate is decided on the release's readiness returns, so it shows their counts and RAG.
            // RAG is stored as text, so the worst is found by presence rather than by ordering.
            AnyRed = db.Assessments.Any(a => (a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId)) && a.Rag == Rag.Red),
            AnyAmber = db.Assessments.Any(a => (a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId)) && a.Rag == Rag.Amber),
            AnyGreen = db.Assessments.Any(a => (a.GateId == g.Id || (g.Kind == GateKind.GoNoGo && a.ReleaseId == g.ReleaseId)) && a.Rag == Rag.Green),
            Go = db.ApprovalRequests.Where(r => r.ReleaseId == g.ReleaseId && r.Kind == ApprovalKind.GoLive && r.Status == ApprovalStatus.Decided)
                .OrderByDescending(r => r.DecidedAtUtc).Select(r => new { r.Decision, r.Dca }).FirstOrDefault(),
        }).ToListAsync(ct);

        var releaseIds = raw.Select(r => r.ReleaseId).Distinct().ToList();
        var dependencies = await DependenciesAsync(releaseIds, ct);

        IEnumerable<TrackerRow> rows = raw.Select(r =>
        {
            var due = r.GoLive.AddDays(r.DueOffsetDays);
            var went = r.Go?.Decision is Decision.Go or Decision.GoWithConditions;
            var complete = r.ReleaseStatus is ReleaseStatus.Closed || (r.ReleaseStatus is ReleaseStatus.Live && r.Kind != GateKind.PostGoLiveReview) || r.Kind switch
            {
                GateKind.Readiness => r.Returns > 0 && r.Approved == r.Returns,
                GateKind.GoNoGo => went,
                _ => false,
            };
            var deps = dependencies.TryGetValue(r.ReleaseId, out var d) ? d : [];
            return new TrackerRow(r.Id, r.ProgrammeCode, r.ProgrammeName, r.ReleaseCode, r.ReleaseName, r.GoLive, r.ReleaseStatus, r.Kind, r.Name,
                r.DueOffsetDays, due, StatusOf(complete, due, today), r.Impacted, r.Submitted, r.Approved,
                r.AnyRed ? Rag.Red : r.AnyAmber ? Rag.Amber : r.AnyGreen ? Rag.Green : null,
                // The SRO's DCA is given at the go / no-go gate: the other gates of the release have none of their own.
                r.Kind == GateKind.GoNoGo ? r.Go?.Dca : null, deps, r.Kind == GateKind.GoNoGo ? r.Go?.Decision : null);
        });
        if (filter.Status is { } status) rows = rows.Where(r => r.Status == status);
        if (filter.OpenOnly) rows = rows.Where(r => r.Status != GateStatus.Complete);
        if (Trimmed(filter.Rag) is { } rag)
            rows = Enum.TryParse<Rag>(rag, ignoreCase: true, out var wanted) ? rows.Where(r => r.Rag == wanted) : rows.Where(r => r.Rag is null);
        if (filter.From is { } from) rows = rows.Where(r => r.DueOn >= from);
        if (filter.To is { } to) rows = rows.Where(r => r.DueOn <= to);
        return Sort(rows, filter.Sort, filter.Descending).ToList();
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
    public async Task<Dictionary<int, IReadOnlyList<DependencyFlag>>> DependenciesAsync(IReadOnlyCollection<int>? releaseIds, CancellationToken ct)
    {
        var today = clock.Today;
        var query = from d in db.ReleaseDependencies.AsNoTracking()
                    join dependent in db.Releases on d.ReleaseId equals dependent.Id
                    join pre in db.Releases on d.DependsOnReleaseId equals pre.Id
                    select new { d.ReleaseId, DependentGoLive = dependent.GoLive, pre.Code, pre.Name, pre.GoLive, pre.Status };
        if (releaseIds is not null) query = query.Where(x => releaseIds.Contains(x.ReleaseId));
        var rows = await query.ToListAsync(ct);
        return rows.GroupBy(r => r.ReleaseId).ToDictionary(g => g.Key, g => (IReadOnlyList<DependencyFlag>)g.OrderBy(x => x.GoLive)
            .Select(x => new DependencyFlag(x.Code, x.Name, x.GoLive, x.Status, IsLate(x.GoLive, x.Status, x.DependentGoLive, today))).ToList());
    }

    public async Task<(IReadOnlyList<PortfolioChoice> Programmes, IReadOnlyList<PortfolioChoice> Areas)> ChoicesAsync(CancellationToken ct)
    {
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Name).Select(p => new PortfolioChoice(p.Code, p.Name)).ToListAsync(ct);
        var areas = await db.BusinessAreas.AsNoTracking().OrderBy(a => a.Name).Select(a => new PortfolioChoice(a.Code, a.Name)).ToListAsync(ct);
        return (programmes, areas);
    }

    private async Task<List<int>> AreaAndDescendantsAsync(string code, CancellationToken ct)
    {
        var all = await db.BusinessAreas.AsNoTracking().Select(a => new { a.Id, a.Code, a.ParentId }).ToListAsync(ct);
        var result = all.Where(a => a.Code == code).Select(a => a.Id).ToList();
        for (var i = 0; i < result.Count; i++) result.AddRange(all.Where(a => a.ParentId == result[i]).Select(a => a.Id));
        return result;
    }

    private static IEnumerable<TrackerRow> Sort(IEnumerable<TrackerRow> rows, string? key, bool descending)
    {
        IOrderedEnumerable<TrackerRow> By<T>(Func<TrackerRow, T> f) => descending ? rows.OrderByDescending(f) : rows.OrderBy(f);
        IOrderedEnumerable<TrackerRow> ByText(Func<TrackerRow, string> f) =>
            descending ? rows.OrderByDescending(f, StringComparer.Ordinal) : rows.OrderBy(f, StringComparer.Ordinal);
        var sorted = key switch
        {
            "programme" => ByText(r => r.ProgrammeName),
            "release" => ByText(r => r.ReleaseCode),
            "t0" => By(r => r.GoLive),
            "gate" => By(r => r.OffsetDays),
            "status" => By(r => r.Status),
            "submitted" => By(r => r.Submitted),
            "approved" => By(r => r.Approved),
            "rag" => By(r => r.Rag is null ? 3 : (int)r.Rag),
            "due" => By(r => r.DueOn),
            // Unsorted, the PMO's question comes first: what is at risk — overdue, then due this week, then later, then done.
            _ => By(r => r.Status switch { GateStatus.Overdue => 0, GateStatus.DueThisWeek => 1, GateStatus.NotDue => 2, _ => 3 }),
        };
        return sorted.ThenBy(r => r.DueOn).ThenBy(r => r.ReleaseCode, StringComparer.Ordinal).ThenBy(r => r.OffsetDays);
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
