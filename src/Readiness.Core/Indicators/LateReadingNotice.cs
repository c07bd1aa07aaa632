using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;
using Readiness.Core.Reminders;

namespace Readiness.Core.Indicators;

/// <summary>
/// Tells the area's BCM(s) once per lateness episode that an indicator's reading is late (part of the indicator check).
/// "Sent for this episode" is recorded in the existing reminder log, with no schema of its own: one row per BCM keyed by
/// (person, <see cref="ItemKind"/>, indicator id, the day the reading was expected). That day only moves when a new
/// reading arrives, so a new reading ends the episode and a later lateness is a new key, hence a new notice. The rows,
/// the emails and the audit entry commit in the caller's unit of work, and the log's unique index means an overlapping or rerun
/// check never sends twice.
/// </summary>
public sealed class LateReadingNotice(ReadinessDbContext db, Outbox outbox, AuditLog audit, ApprovalSettings links, ReadinessClock clock, IndicatorSettings settings)
{
    /// <summary>Reminder-log item kind for late-reading notices (the reminder sweep and stuck-approvals report read only their own kinds).</summary>
    public const string ItemKind = "IndicatorLate";
    public const string EmailKind = "indicator-late";

    /// <summary>Level recorded in the reminder log: 1 is "the BCM" there too.</summary>
    private const int BcmLevel = 1;

    /// <summary>True when this call sent the episode's notice; false when not late, already told, or nobody to tell.</summary>
    public async Task<bool> SendIfLateAsync(LeadIndicator indicator, DateOnly goLive, CancellationToken ct)
    {
        var dates = await db.IndicatorReadings.AsNoTracking().Where(r => r.IndicatorId == indicator.Id).Select(r => r.Date).ToListAsync(ct);
        var rules = IndicatorRules.For(indicator, settings.ConsecutiveAmberForRed);
        var late = ReadingLateness.Check(rules, indicator.CheckEveryDays, settings.ReadingGraceDays, goLive, clock.Today, dates);
        if (late is null) return false;
        // Any row for the episode means it was told (even if the area's BCMs have changed since): one notice per episode.
        if (await db.ReminderLogs.AnyAsync(l => l.ItemKind == ItemKind && l.ItemId == indicator.Id && l.Day == late.ExpectedBy, ct)) return false;

        var release = await db.Releases.AsNoTracking().Where(r => r.Id == indicator.ReleaseId).Select(r => new { r.Code, r.Name }).SingleAsync(ct);
        var area = await db.BusinessAreas.AsNoTracking().Where(a => a.Id == indicator.BusinessAreaId).Select(a => a.Name).SingleAsync(ct);
        var bcms = db.AreaMemberships.Where(m => m.BusinessAreaId == indicator.BusinessAreaId && m.Role == AreaRole.Bcm).Select(m => m.UserId);
        var people = await db.Users.AsNoTracking().Where(u => bcms.Contains(u.Id) && u.Email != null && u.Email != "")
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct);
        if (people.Count == 0) return false;

        // A concurrent check committing this episode's notice first takes the unique index: the unit of work runs this
        // again, the log row is then found above, and nothing is sent twice.
        var now = clock.UtcNow;
        foreach (var p in people)
        {
            var log = new ReminderLog(p.Id, ItemKind, indicator.Id, late.ExpectedBy, BcmLevel, now);
            log.SentIn(outbox.Enqueue(Compose(p.Email!, p.DisplayName, indicator, release.Code, release.Name, area, late)));
            db.ReminderLogs.Add(log);
        }
        audit.Append(new AuditRecord(now, null, null, "indicator.reading.late", "LeadIndicator", indicator.Id.ToString(CultureInfo.InvariantCulture),
            AuditChannel.System, null, null, $"{indicator.Name}: {late.Words}; told {string.Join(", ", people.Select(p => p.DisplayName))}"));
        return true;
    }

    private Email Compose(string email, string name, LeadIndicator indicator, string releaseCode, string releaseName, string area, ReadingLate late) =>
        new(EmailKind, email, name, $"Lead indicator reading late: {indicator.Name} ({releaseCode})",
            $"No new reading of a lead indicator of {releaseName} has arrived in {area} while it is being watched after go-live.",
            [("Indicator", indicator.Name), ("Business area", area),
             ("Last reading", late.LastReading is { } last ? $"{ReadingLate.Date(last)} ({late.DaysSince} day(s) ago)" : $"none since go-live on {ReadingLate.Date(late.Since)}"),
             ("Expected by", ReadingLate.Date(late.ExpectedBy)), ("Schedule", late.Every)],
            ["Add the reading, or find out why readings have stopped: the hypercare exit cannot be reached on stale readings.",
             "This is the only notice for this gap: a new reading ends it, and you will hear again only if readings stop again."],
            "Open the indicator", links.Link($"Indicators/{indicator.Id}"));
}
