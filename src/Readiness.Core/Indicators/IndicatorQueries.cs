using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Indicators;

public sealed record ReadingView(DateOnly Date, decimal Value, Rag Rag, bool InWindow, string Why);

public sealed record AlertView(int Id, string Severity, AlertStatus Status, DateOnly BreachedOn, string Reason, DateTime OpenedAtUtc,
    string? AcknowledgedBy, DateTime? AcknowledgedAtUtc, AlertResolution? Resolution, string? ResolvedBy, DateTime? ResolvedAtUtc, string Comment);

public sealed record IndicatorView(int Id, string Code, string Name, string Unit, IndicatorDirection Direction, decimal Baseline, decimal AmberThreshold,
    decimal RedThreshold, IndicatorRules Rules, int CheckEveryDays, IndicatorSource Source, string? SourceUrl, string AreaName, DateOnly GoLive,
    Rag? Current, IReadOnlyList<ReadingView> Readings, IReadOnlyList<AlertView> Alerts, ReadingLate? Late = null)
{
    public DateOnly WindowEnd => Rules.WindowEnd(GoLive);
    public bool HasActiveAlert => Alerts.Any(a => a.Status != AlertStatus.Resolved);
}

public sealed record IndicatorPage(IndicatorView Indicator, string ReleaseCode, string ReleaseName, bool CanManage);

public sealed record ReleaseIndicators(IReadOnlyList<IndicatorView> Indicators, HypercareExitResult Exit);

/// <summary>Read models for the indicator page and the release page's "Lead indicators" section (any signed-in role may read them).</summary>
public sealed class IndicatorQueries(ReadinessDbContext db, IndicatorAccess access, ReadinessClock clock, IndicatorSettings settings)
{
    public async Task<Result<IndicatorPage>> GetAsync(Actor actor, int id, CancellationToken ct)
    {
        var indicator = await db.LeadIndicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (indicator is null) return Failures.NotFound("The indicator");
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == indicator.ReleaseId).Select(r => new { r.Code, r.Name, r.GoLive, r.Status }).SingleAsync(ct);
        var view = (await ViewsAsync([indicator], release.GoLive, release.Status == ReleaseStatus.Live, ct))[0];
        return Result<IndicatorPage>.Ok(new IndicatorPage(view, release.Code, release.Name, await access.CanManageAsync(actor, indicator, ct)));
    }

    public async Task<ReleaseIndicators> ForReleaseAsync(int releaseId, CancellationToken ct)
    {
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == releaseId).Select(r => new { r.GoLive, r.Status }).SingleAsync(ct);
        var indicators = await db.LeadIndicators.AsNoTracking().Where(i => i.ReleaseId == releaseId).OrderBy(i => i.Name).ToListAsync(ct);
        var views = await ViewsAsync(indicators, release.GoLive, release.Status == ReleaseStatus.Live, ct);
        var exit = HypercareExit.Compute(release.Status is ReleaseStatus.Live or ReleaseStatus.Closed, release.GoLive, clock.Today, settings.GreenReadingsForExit,
            views.Select(v => new ExitInput(v.Name, v.Rules,
                IndicatorEvaluation.Evaluate(v.Rules, v.GoLive, v.Readings.Select(r => (r.Date, r.Value))), v.HasActiveAlert, v.Late)).ToList());
        return new ReleaseIndicators(views, exit);
    }

    /// <param name="isLive">Lateness is judged only while the release is live: a release not live yet owes no readings,
    /// and a closed one has left hypercare.</param>
    private async Task<List<IndicatorView>> ViewsAsync(IReadOnlyList<LeadIndicator> indicators, DateOnly goLive, bool isLive, CancellationToken ct)
    {
        var today = clock.Today;
        var ids = indicators.Select(i => i.Id).ToList();
        var areaIds = indicators.Select(i => i.BusinessAreaId).Distinct().ToList();
        var areas = await db.BusinessAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var readings = (await db.IndicatorReadings.AsNoTracking().Where(r => ids.Contains(r.IndicatorId)).Select(r => new { r.IndicatorId, r.Date, r.Value }).ToListAsync(ct))
            .ToLookup(r => r.IndicatorId);
        var alerts = (await db.IndicatorAlerts.AsNoTracking().Where(a => ids.Contains(a.IndicatorId)).ToListAsync(ct)).ToLookup(a => a.IndicatorId);
        var userIds = alerts.SelectMany(g => g).SelectMany(a => new[] { a.AcknowledgedByUserId, a.ResolvedByUserId }).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Name(string? userId) => userId is null ? null : names.GetValueOrDefault(userId, "(unknown)");

        return indicators.Select(i =>
        {
            var rules = IndicatorRules.For(i, settings.ConsecutiveAmberForRed);
            var verdict = IndicatorEvaluation.Evaluate(rules, goLive, readings[i.Id].Select(r => (r.Date, r.Value)));
            var alertViews = alerts[i.Id].OrderByDescending(a => a.OpenedAtUtc)
                .Select(a => new AlertView(a.Id, a.Severity, a.Status, a.BreachedOn, a.Reason, a.OpenedAtUtc, Name(a.AcknowledgedByUserId), a.AcknowledgedAtUtc,
                    a.Resolution, Name(a.ResolvedByUserId), a.ResolvedAtUtc, a.Comment)).ToList();
            var late = isLive ? ReadingLateness.Check(rules, i.CheckEveryDays, settings.ReadingGraceDays, goLive, today, readings[i.Id].Select(r => r.Date)) : null;
            return new IndicatorView(i.Id, i.Code, i.Name, i.Unit, i.Direction, i.Baseline, i.AmberThreshold, i.RedThreshold, rules, i.CheckEveryDays,
                i.Source, i.SourceUrl, areas.GetValueOrDefault(i.BusinessAreaId, ""), goLive, verdict.Latest?.Rag,
                verdict.Readings.Select(r => new ReadingView(r.Date, r.Value, r.Rag, r.InWindow, r.Why)).ToList(), alertViews, late);
        }).ToList();
    }
}
