using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;

namespace Readiness.Core.Indicators;

/// <summary>What one check did; <see cref="LateNotices"/>: lateness episodes whose BCMs were emailed by this run.</summary>
public sealed record CheckSummary(int Indicators, int Imported, int Opened, int Raised, int Incidents, int LateNotices = 0);

/// <summary>
/// The lead-indicator check (recurring job "indicator-checks"). For every indicator of a live release: poll its HTTP
/// source if it has one (a bad payload becomes an incident and imports nothing), then evaluate the readings and open
/// ONE alert per breach. While an indicator has an active alert no other is opened; a worse reading raises its
/// severity. Opening (or raising) an alert notifies the area's BCM(s) and the release's SRO through the outbox and
/// is audited, in the same transaction. An indicator whose reading is late has its area's BCM(s) told once per lateness
/// episode (<see cref="LateReadingNotice"/>). Running it again on the same data changes nothing.
/// </summary>
public sealed class IndicatorCheck(ReadinessDbContext db, UnitOfWork unitOfWork, IReadingFeed feed, Outbox outbox, AuditLog audit, ApprovalSettings links,
    ReadinessClock clock, IndicatorSettings settings, LateReadingNotice lateNotice)
{
    public const string FeedIncidentKind = "indicator-feed";

    public async Task<CheckSummary> RunAsync(CancellationToken ct)
    {
        var targets = await db.LeadIndicators.AsNoTracking()
            .Join(db.Releases.Where(r => r.Status == ReleaseStatus.Live), i => i.ReleaseId, r => r.Id, (i, r) => new { i.Id, r.GoLive })
            .ToListAsync(ct);
        int imported = 0, opened = 0, raised = 0, incidents = 0, lateNotices = 0;
        foreach (var t in targets)
        {
            var indicator = await db.LeadIndicators.AsNoTracking().SingleAsync(i => i.Id == t.Id, ct);
            // Each step is its own unit of work: a lost race (e.g. on the audit chain with a person's action) runs that
            // step again on fresh state, and one indicator's trouble does not undo another's.
            var (count, incident) = await PollAsync(indicator, ct);
            imported += count;
            incidents += incident ? 1 : 0;
            var change = (await unitOfWork.RunAsync(c => EvaluateAsync(indicator, t.GoLive, c), ct)).Value;
            opened += change == AlertChange.Opened ? 1 : 0;
            raised += change == AlertChange.Raised ? 1 : 0;
            // After the import, so a reading the source has just delivered ends the episode instead of being reported missing.
            lateNotices += (await unitOfWork.RunAsync(async c => Result<bool>.Ok(await lateNotice.SendIfLateAsync(indicator, t.GoLive, c)), ct)).Value ? 1 : 0;
        }
        return new CheckSummary(targets.Count, imported, opened, raised, incidents, lateNotices);
    }

    /// <summary>Polls the indicator's HTTP source, if it has one: readings stored, or an incident the PMO can retry.</summary>
    private async Task<(int Imported, bool Incident)> PollAsync(LeadIndicator indicator, CancellationToken ct)
    {
        if (indicator.Source != IndicatorSource.Http || string.IsNullOrWhiteSpace(indicator.SourceUrl)) return (0, false);
        var fetched = await feed.FetchAsync(indicator.SourceUrl, indicator.Unit, ct);
        return (await unitOfWork.RunAsync(async c => Result<(int, bool)>.Ok(await StoreAsync(indicator, fetched, c)), ct)).Value;
    }

    /// <summary>The PMO retrying a feed incident: polls that indicator's source again, inside the caller's unit of work.</summary>
    public async Task<Result<int>> RetryFeedAsync(int indicatorId, CancellationToken ct)
    {
        var indicator = await db.LeadIndicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == indicatorId, ct);
        if (indicator?.SourceUrl is not { Length: > 0 } url) return Failures.NotFound("The indicator's source");
        var fetched = await feed.FetchAsync(url, indicator.Unit, ct);
        if (fetched.Error is not null) return Failures.Conflict($"The source still fails: {fetched.Error}");
        var (count, _) = await StoreAsync(indicator, fetched, ct);
        return Result<int>.Ok(count);
    }

    private async Task<(int Imported, bool Incident)> StoreAsync(LeadIndicator indicator, FeedResult result, CancellationToken ct)
    {
        var now = clock.UtcNow;
        if (result.Error is not null)
        {
            var subject = $"Lead indicator {indicator.Code} (id {indicator.Id})";
            if (await db.Incidents.AnyAsync(i => i.Kind == FeedIncidentKind && i.Subject == subject && i.ResolvedAtUtc == null, ct)) return (0, false);
            db.Incidents.Add(new Incident(FeedIncidentKind, subject, $"{indicator.SourceUrl}: {result.Error} Nothing was imported.", now).RetriesIndicator(indicator.Id));
            return (0, true);
        }
        // The source may send its whole history each time: days already held are kept as they are.
        var held = (await db.IndicatorReadings.Where(r => r.IndicatorId == indicator.Id).Select(r => r.Date).ToListAsync(ct)).ToHashSet();
        var fresh = result.Readings.Where(r => !held.Contains(r.Date) && r.Date <= clock.Today).ToList();
        if (fresh.Count == 0) return (0, false);
        db.IndicatorReadings.AddRange(fresh.Select(r => new IndicatorReading(indicator.Id, r.Date, r.Value, IndicatorSource.Http, null, now)));
        audit.Append(new AuditRecord(now, null, null, "indicator.readings.imported", "LeadIndicator", Id(indicator.Id), AuditChannel.System,
            null, null, $"{indicator.Name}: {fresh.Count} reading(s) from {indicator.SourceUrl}"));
        return (fresh.Count, false);
    }

    private enum AlertChange { None, Opened, Raised }

    private async Task<Result<AlertChange>> EvaluateAsync(LeadIndicator indicator, DateOnly goLive, CancellationToken ct)
    {
        var readings = await db.IndicatorReadings.AsNoTracking().Where(r => r.IndicatorId == indicator.Id).Select(r => new { r.Date, r.Value }).ToListAsync(ct);
        var verdict = IndicatorEvaluation.Evaluate(IndicatorRules.For(indicator, settings.ConsecutiveAmberForRed), goLive, readings.Select(r => (r.Date, r.Value)));
        if (!verdict.IsBreach) return Result<AlertChange>.Ok(AlertChange.None);
        var latest = verdict.Latest!;
        var severity = latest.Rag.ToString();
        var reason = $"{latest.Date:yyyy-MM-dd}: {latest.Value.ToString("0.##", CultureInfo.InvariantCulture)} {indicator.Unit} — {latest.Why}";
        var now = clock.UtcNow;
        var alerts = await db.IndicatorAlerts.Where(a => a.IndicatorId == indicator.Id).ToListAsync(ct);
        var active = alerts.FirstOrDefault(a => a.IsActive);
        if (active is not null)
        {
            if (!(severity == nameof(Rag.Red) && active.Severity != nameof(Rag.Red))) return Result<AlertChange>.Ok(AlertChange.None);
            active.Raise(severity, reason);
            audit.Append(new AuditRecord(now, null, null, "indicator.alert.raised", "IndicatorAlert", Id(active.Id), AuditChannel.System, null, null,
                $"{indicator.Name}: severity Amber → Red — {reason}"));
            await NotifyAsync(indicator, active.BreachedOn, severity, reason, raised: true, ct);
            return Result<AlertChange>.Ok(AlertChange.Raised);
        }
        // A breach already resolved (e.g. readings back-filled later) is not raised again.
        if (alerts.Any(a => a.BreachedOn >= latest.Date)) return Result<AlertChange>.Ok(AlertChange.None);

        var breachedOn = verdict.Readings.Where(r => r.InWindow && r.Date <= latest.Date).Reverse().TakeWhile(r => r.Rag != Rag.Green).Last().Date;
        // One unit of work: the alert, its audit entry and the emails commit together or not at all.
        var alert = new IndicatorAlert(indicator.Id, breachedOn, severity, reason, now);
        db.IndicatorAlerts.Add(alert);
        audit.Append(() => new AuditRecord(now, null, null, "indicator.alert.opened", "IndicatorAlert", Id(alert.Id), AuditChannel.System, null, null,
            $"{indicator.Name}: {severity} alert opened — {reason}"));
        await NotifyAsync(indicator, breachedOn, severity, reason, raised: false, ct);
        return Result<AlertChange>.Ok(AlertChange.Opened);
    }

    private async Task NotifyAsync(LeadIndicator indicator, DateOnly breachedOn, string severity, string reason, bool raised, CancellationToken ct)
    {
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == indicator.ReleaseId).Select(r => new { r.Code, r.Name, r.SroUserId }).SingleAsync(ct);
        var area = await db.BusinessAreas.AsNoTracking().Where(a => a.Id == indicator.BusinessAreaId).Select(a => a.Name).SingleAsync(ct);
        var bcms = db.AreaMemberships.Where(m => m.BusinessAreaId == indicator.BusinessAreaId && m.Role == AreaRole.Bcm).Select(m => m.UserId);
        var people = await db.Users.AsNoTracking().Where(u => u.Id == release.SroUserId || bcms.Contains(u.Id))
            .Select(u => new { u.Email, u.DisplayName }).ToListAsync(ct);
        var subject = raised ? $"Lead indicator alert now {severity}: {indicator.Name} ({release.Code})" : $"Lead indicator alert ({severity}): {indicator.Name} ({release.Code})";
        foreach (var p in people.Where(p => !string.IsNullOrEmpty(p.Email)))
        {
            outbox.Enqueue(new Email("indicator-alert", p.Email!, p.DisplayName, subject,
                $"A lead indicator of {release.Name} is outside its thresholds in {area}. Please look at it and acknowledge the alert.",
                [("Indicator", indicator.Name), ("Business area", area), ("Severity", severity), ("Reading", reason), ("Outside thresholds since", ApprovalEmails.Day(breachedOn))],
                ["Resolve the alert once the newest reading is back inside thresholds: corrected, accepted or rolled back."],
                "Open the indicator", links.Link($"Indicators/{indicator.Id}")));
        }
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
