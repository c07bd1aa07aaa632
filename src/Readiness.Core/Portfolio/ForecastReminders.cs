using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Reminders;

namespace Readiness.Core.Portfolio;

/// <summary>
/// The PMO's section of the daily digest: every gate flagged as forecast short (from <see cref="ForecastOptions.FlagFromDays"/>
/// before its due date), each working day until its forecast reaches every return or it falls due — so the PMO hears a
/// fortnight ahead, not when the gate is overdue.
/// </summary>
public sealed class ForecastReminders(ReadinessDbContext db, ForecastQueries forecasts, ApprovalSettings links) : IReminderSource
{
    public const string ItemKind = "ForecastShort";
    public const string Section = "Gates forecast short";

    public async Task<IReadOnlyList<ReminderNotice>> NoticesAsync(DateOnly today, CancellationToken ct)
    {
        var horizon = today.AddDays(forecasts.FlagFromDays);
        var candidates = (await db.Gates.AsNoTracking()
                .Where(g => (g.Kind == GateKind.Readiness || g.Kind == GateKind.GoNoGo)
                    && (g.Release!.Status == ReleaseStatus.Planned || g.Release.Status == ReleaseStatus.InReadiness))
                .Select(g => new { g.Id, g.Name, g.DueOffsetDays, g.Release!.GoLive, g.Release.Code })
                .ToListAsync(ct))
            .Select(g => new { g.Id, g.Name, g.Code, DueOn = g.GoLive.AddDays(g.DueOffsetDays) })
            .Where(g => g.DueOn >= today && g.DueOn <= horizon).ToList();
        if (candidates.Count == 0) return [];
        var flagged = (await forecasts.ForGatesAsync(candidates.Select(g => g.Id), ct)).Values.Where(f => f.Flagged).ToDictionary(f => f.GateId);
        if (flagged.Count == 0) return [];
        var pmo = await (from ur in db.UserRoles join role in db.Roles on ur.RoleId equals role.Id where role.Name == Roles.Pmo select ur.UserId).ToListAsync(ct);

        var notices = new List<ReminderNotice>();
        foreach (var gate in candidates.Where(g => flagged.ContainsKey(g.Id)))
        {
            var f = flagged[gate.Id];
            var item = new ReminderItem(ItemKind, gate.Id, $"{gate.Code} {gate.Name}: {Words(f)}", f.DueOn,
                new ReminderDue([0], 0, f.DueOn.DayNumber - today.DayNumber), links.Link($"/Releases/{gate.Code}"), [], "approved",
                links.Link($"/Releases/{gate.Code}"), Section);
            notices.AddRange(pmo.Select(u => new ReminderNotice(u, 0, item, "PMO")));
        }
        return notices;
    }

    /// <summary>"forecast 3 of 15 returns approved (1 now); short by 12" — the same numbers the tracker shows.</summary>
    public static string Words(GateForecast f) =>
        string.Create(CultureInfo.InvariantCulture, $"forecast {f.Expected} of {f.Total} returns approved ({f.Approved} now); short by {f.ShortBy}")
        + (f.Outcome == ForecastOutcome.NoData ? $", nothing submitted or approved in the last {f.WindowWorkingDays} working days" : "");
}
