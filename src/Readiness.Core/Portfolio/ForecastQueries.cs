using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Common;
using Readiness.Core.Dashboards;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

/// <summary>
/// The release page's burn-up towards its next open gate: returns submitted and approved by day up to today
/// (<see cref="BurnUp"/>, as on the SRO's dashboard), then the forecast line from today to the gate's due date.
/// </summary>
/// <param name="FlagFromDays">From how many days before its due date a gate forecast short is flagged (for the page's method).</param>
public sealed record ReleaseForecast(string GateName, GateKind Kind, GateForecast Forecast, BurnUp BurnUp, IReadOnlyList<(DateOnly Day, decimal Approved)> Line, int FlagFromDays);

/// <summary>
/// Forecasts of open gates, for exactly the gates asked about (a page's worth): three queries whatever the
/// portfolio's size — the gates, their releases' returns, and those returns' approvals. A gate has a forecast while it
/// collects returns (readiness, go / no-go), its release is not live or closed, it is due today or later, and not every
/// return is approved yet. The go / no-go gate is decided on all the release's returns, as the tracker counts it.
/// </summary>
public sealed class ForecastQueries(ReadinessDbContext db, ForecastModel model, ReadinessClock clock)
{
    public int WindowWorkingDays => model.WindowWorkingDays;
    public int FlagFromDays => model.FlagFromDays;

    public async Task<IReadOnlyDictionary<int, GateForecast>> ForGatesAsync(IEnumerable<int> gateIds, CancellationToken ct) =>
        (await LoadAsync(gateIds.Distinct().ToList(), ct)).ToDictionary(x => x.Gate.Id, x => x.Forecast);

    /// <summary>The release's soonest gate with a forecast, with the burn-up of its returns; null when it has none.</summary>
    public async Task<ReleaseForecast?> ForReleaseAsync(int releaseId, CancellationToken ct)
    {
        var ids = await db.Gates.AsNoTracking().Where(g => g.ReleaseId == releaseId).Select(g => g.Id).ToListAsync(ct);
        var next = (await LoadAsync(ids, ct)).OrderBy(x => x.Forecast.DueOn).ThenBy(x => x.Gate.Kind).FirstOrDefault();
        if (next.Gate is null) return null;
        var burnUp = SroDashboard.BurnUpOf(next.Activity.SubmittedDays, next.Activity.ApprovedDays, next.Activity.Total, clock.Today);
        return new ReleaseForecast(next.Gate.Name, next.Gate.Kind, next.Forecast, burnUp, model.Line(next.Forecast), model.FlagFromDays);
    }

    /// <summary>
    /// Forecasts of the tracker's rows, which already hold each gate's kind, release, release status and due date: the
    /// gates are not read again (three queries, none when no row can have a forecast).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, GateForecast>> ForRowsAsync(IEnumerable<TrackerRow> rows, CancellationToken ct) =>
        (await ForecastsOfAsync(rows.Where(r => Forecastable(r.Kind, r.ReleaseStatus)).DistinctBy(r => r.GateId)
            .Select(r => new GateRow(r.GateId, r.ReleaseId, r.Kind, r.GateName, r.DueOn)), ct)).ToDictionary(x => x.Gate.Id, x => x.Forecast);

    /// <summary>A gate collects returns and its release is not live or closed.</summary>
    private static bool Forecastable(GateKind kind, ReleaseStatus status) =>
        kind is GateKind.Readiness or GateKind.GoNoGo && status is ReleaseStatus.Planned or ReleaseStatus.InReadiness;

    private sealed record GateRow(int Id, int ReleaseId, GateKind Kind, string Name, DateOnly DueOn);

    private async Task<List<(GateRow Gate, ReturnActivity Activity, GateForecast Forecast)>> LoadAsync(List<int> gateIds, CancellationToken ct)
    {
        if (gateIds.Count == 0) return [];
        var gates = (await db.Gates.AsNoTracking()
                .Where(g => gateIds.Contains(g.Id) && (g.Kind == GateKind.Readiness || g.Kind == GateKind.GoNoGo)
                    && (g.Release!.Status == ReleaseStatus.Planned || g.Release.Status == ReleaseStatus.InReadiness))
                .Select(g => new { g.Id, g.ReleaseId, g.Kind, g.Name, g.DueOffsetDays, g.Release!.GoLive })
                .ToListAsync(ct))
            .Select(g => new GateRow(g.Id, g.ReleaseId, g.Kind, g.Name, g.GoLive.AddDays(g.DueOffsetDays)));
        return await ForecastsOfAsync(gates, ct);
    }

    private async Task<List<(GateRow Gate, ReturnActivity Activity, GateForecast Forecast)>> ForecastsOfAsync(IEnumerable<GateRow> candidates, CancellationToken ct)
    {
        var today = clock.Today;
        var gates = candidates.Where(g => g.DueOn >= today).ToList();
        if (gates.Count == 0) return [];

        var releaseIds = gates.Select(g => g.ReleaseId).Distinct().ToList();
        var returns = await db.Assessments.AsNoTracking().Where(a => releaseIds.Contains(a.ReleaseId))
            .Select(a => new { a.Id, a.GateId, a.ReleaseId, a.Status, a.SubmittedAtUtc }).ToListAsync(ct);
        var approvals = await db.ApprovalRequests.AsNoTracking()
            .Where(r => releaseIds.Contains(r.ReleaseId) && r.Kind == ApprovalKind.AreaReturn && r.Status == ApprovalStatus.Decided
                && (r.Decision == Decision.Approve || r.Decision == Decision.ApproveWithConditions) && r.DecidedAtUtc != null)
            .Select(r => new { r.SubjectId, r.DecidedAtUtc, r.ReleaseId }).ToListAsync(ct);
        // A go / no-go gate already decided Go has nothing left to forecast.
        var wentLive = (await db.ApprovalRequests.AsNoTracking()
            .Where(r => releaseIds.Contains(r.ReleaseId) && r.Kind == ApprovalKind.GoLive && r.Status == ApprovalStatus.Decided
                && (r.Decision == Decision.Go || r.Decision == Decision.GoWithConditions))
            .Select(r => r.ReleaseId).ToListAsync(ct)).ToHashSet();

        var approvedAt = approvals.ToLookup(a => a.SubjectId, a => a.DecidedAtUtc!.Value);
        DateOnly Day(DateTime utc) => DateOnly.FromDateTime(clock.ToLocal(utc));
        var result = new List<(GateRow, ReturnActivity, GateForecast)>();
        foreach (var gate in gates)
        {
            if (gate.Kind == GateKind.GoNoGo && wentLive.Contains(gate.ReleaseId)) continue;
            var mine = returns.Where(a => gate.Kind == GateKind.GoNoGo ? a.ReleaseId == gate.ReleaseId : a.GateId == gate.Id)
                .Select(a => (a.Id, a.Status, a.SubmittedAtUtc)).ToList();
            var activity = ReturnActivity.Of(mine, approvedAt, Day, today);
            if (activity.Total == 0 || activity.ApprovedDays.Count >= activity.Total) continue;
            result.Add((gate, activity, model.For(gate.Id, gate.DueOn, activity)));
        }
        return result;
    }
}
