using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Indicators;

/// <summary>
/// Readings (one by hand, or many from a file, all-or-nothing) and the alert lifecycle: acknowledge, then resolve as
/// corrected, accepted or rolled back once the newest reading is back inside thresholds. Every change is audited
/// in the same unit of work.
/// </summary>
public sealed class IndicatorCommands(ReadinessDbContext db, UnitOfWork unitOfWork, IndicatorAccess access, AuditLog audit, ReadinessClock clock, IndicatorSettings settings)
{
    public async Task<Result<ImportOutcome>> AddReadingAsync(Actor actor, int indicatorId, DateOnly date, decimal value, RequestOrigin origin, CancellationToken ct) =>
        await ImportAsync(actor, indicatorId, [new ReadingRow(1, date, value)], IndicatorSource.Manual, origin, null, ct);

    /// <summary>
    /// All rows or none. A reading for the same day added by someone else at the same moment (unique index) runs the
    /// import again, which then reports that day as already held.
    /// </summary>
    public Task<Result<ImportOutcome>> ImportAsync(Actor actor, int indicatorId, IReadOnlyList<ReadingRow> rows, IndicatorSource source,
        RequestOrigin origin, IReadOnlyList<ImportProblem>? earlier, CancellationToken ct) =>
        unitOfWork.RunAsync(c => ImportNowAsync(actor, indicatorId, rows, source, origin, earlier, c), ct,
            "Someone added readings for the same days at the same moment. Reload the page and try again.");

    private async Task<Result<ImportOutcome>> ImportNowAsync(Actor actor, int indicatorId, IReadOnlyList<ReadingRow> rows, IndicatorSource source,
        RequestOrigin origin, IReadOnlyList<ImportProblem>? earlier, CancellationToken ct)
    {
        var indicator = await db.LeadIndicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == indicatorId, ct);
        if (indicator is null) return Failures.NotFound("The indicator");
        if (!await access.CanManageAsync(actor, indicator, ct))
            return Failures.Forbidden("Only the area's BCM, the release's SRO or the PMO can add readings.");

        var dates = rows.Select(r => r.Date).ToHashSet();
        var existing = (await db.IndicatorReadings.Where(r => r.IndicatorId == indicatorId).Select(r => r.Date).ToListAsync(ct))
            .Where(dates.Contains).ToHashSet();
        var problems = ImportChecks.Of(rows, earlier, existing, clock.Today, settings.MaxCsvRows, "reading", "indicator");
        // Problems are the outcome, not a failure: the page lists them; nothing is written.
        if (problems.Count > 0) return Result<ImportOutcome>.Ok(new ImportOutcome(0, problems));

        var now = clock.UtcNow;
        db.IndicatorReadings.AddRange(rows.Select(r => new IndicatorReading(indicatorId, r.Date, r.Value, source, actor.UserId, now)));
        var summary = rows.Count == 1
            ? $"Reading {rows[0].Date:yyyy-MM-dd} = {rows[0].Value.ToString(CultureInfo.InvariantCulture)} {indicator.Unit} ({source})"
            : $"{rows.Count} readings {rows.Min(r => r.Date):yyyy-MM-dd} to {rows.Max(r => r.Date):yyyy-MM-dd} ({source})";
        audit.Append(new AuditRecord(now, actor.UserId, null, rows.Count == 1 ? "indicator.reading.added" : "indicator.readings.imported",
            "LeadIndicator", Id(indicatorId), AuditChannel.Web, origin.IpAddress, origin.UserAgent, $"{indicator.Name}: {summary}"));
        return Result<ImportOutcome>.Ok(new ImportOutcome(rows.Count, []));
    }

    public Task<Result<bool>> AcknowledgeAsync(Actor actor, int alertId, string? comment, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(c => AcknowledgeNowAsync(actor, alertId, comment, origin, c), ct, AlertRace);

    private const string AlertRace = "Someone else changed this alert at the same moment. Reload the page and try again.";

    private async Task<Result<bool>> AcknowledgeNowAsync(Actor actor, int alertId, string? comment, RequestOrigin origin, CancellationToken ct)
    {
        var (alert, indicator, failure) = await LoadAsync(actor, alertId, ct);
        if (failure is not null) return failure;
        if (alert!.Status != AlertStatus.Open) return Failures.Conflict($"The alert is already {Words(alert.Status)}.");
        if (TextLimits.TooLong(comment, TextLimits.Comment, "The comment") is { } tooLong) return Failures.Invalid("Comment", tooLong);
        var now = clock.UtcNow;
        alert.Acknowledge(actor.UserId, comment?.Trim() ?? "", now);
        audit.Append(new AuditRecord(now, actor.UserId, null, "indicator.alert.acknowledged", "IndicatorAlert", Id(alertId), AuditChannel.Web,
            origin.IpAddress, origin.UserAgent, $"{indicator!.Name}: Open → Acknowledged" + (string.IsNullOrWhiteSpace(comment) ? "" : $" — {comment.Trim()}")));
        return Result<bool>.Ok(true);
    }

    public Task<Result<bool>> ResolveAsync(Actor actor, int alertId, AlertResolution resolution, string comment, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(c => ResolveNowAsync(actor, alertId, resolution, comment, origin, c), ct, AlertRace);

    private async Task<Result<bool>> ResolveNowAsync(Actor actor, int alertId, AlertResolution resolution, string comment, RequestOrigin origin, CancellationToken ct)
    {
        var (alert, indicator, failure) = await LoadAsync(actor, alertId, ct);
        if (failure is not null) return failure;
        if (string.IsNullOrWhiteSpace(comment)) return Failures.Invalid("Comment", "Say what was done or why the breach is accepted.");
        if (TextLimits.TooLong(comment, TextLimits.Comment, "The comment") is { } tooLong) return Failures.Invalid("Comment", tooLong);
        if (alert!.Status == AlertStatus.Resolved) return Failures.Conflict("The alert is already resolved.");
        var goLive = await db.Releases.Where(r => r.Id == indicator!.ReleaseId).Select(r => r.GoLive).SingleAsync(ct);
        var readings = await db.IndicatorReadings.Where(r => r.IndicatorId == indicator!.Id).Select(r => new { r.Date, r.Value }).ToListAsync(ct);
        var verdict = IndicatorEvaluation.Evaluate(IndicatorRules.For(indicator!, settings.ConsecutiveAmberForRed), goLive, readings.Select(r => (r.Date, r.Value)));
        if (verdict.IsBreach)
            return Failures.Invalid("Comment", $"The newest reading ({verdict.Latest!.Date:yyyy-MM-dd}) is still {verdict.Latest.Rag}. Add a reading inside thresholds before resolving the alert.");

        var now = clock.UtcNow;
        var before = Words(alert.Status);
        alert.Resolve(resolution, actor.UserId, comment.Trim(), now);
        audit.Append(new AuditRecord(now, actor.UserId, null, "indicator.alert.resolved", "IndicatorAlert", Id(alertId), AuditChannel.Web,
            origin.IpAddress, origin.UserAgent, $"{indicator!.Name}: {before} → Resolved ({Words(resolution)}) — {comment.Trim()}"));
        return Result<bool>.Ok(true);
    }

    public static string Words(AlertStatus s) => s switch { AlertStatus.Open => "open", AlertStatus.Acknowledged => "acknowledged", _ => "resolved" };

    public static string Words(AlertResolution r) => r switch
    {
        AlertResolution.Corrected => "corrected",
        AlertResolution.Accepted => "accepted",
        _ => "rolled back",
    };

    private async Task<(IndicatorAlert?, LeadIndicator?, Failure?)> LoadAsync(Actor actor, int alertId, CancellationToken ct)
    {
        var alert = await db.IndicatorAlerts.FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null) return (null, null, Failures.NotFound("The alert"));
        var indicator = await db.LeadIndicators.AsNoTracking().SingleAsync(i => i.Id == alert.IndicatorId, ct);
        if (!await access.CanManageAsync(actor, indicator, ct))
            return (null, null, Failures.Forbidden("Only the area's BCM, the release's SRO or the PMO can act on this alert."));
        return (alert, indicator, null);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
