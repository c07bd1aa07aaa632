using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Persistence;
using Readiness.Core.Reminders;

namespace Readiness.Core.Risks;

/// <summary>
/// Risks in the daily digest: a review past its date goes to the risk's owner, an action past its due date to the
/// action's owner, every working day until the risk is reviewed (a new review date) or the action done. Closed risks
/// are left alone. Each is an overdue item of the person's own list, counted in working days like a late return.
/// </summary>
public sealed class RiskReminders(ReadinessDbContext db, ApprovalSettings links, WorkingCalendar calendar) : IReminderSource
{
    public const string ReviewItem = "RiskReview";
    public const string ActionItem = "RiskAction";

    public async Task<IReadOnlyList<ReminderNotice>> NoticesAsync(DateOnly today, CancellationToken ct)
    {
        var reviews = await db.Risks.AsNoTracking().Where(r => r.Status != RiskStatus.Closed && r.ReviewOn < today)
            .Select(r => new { r.Id, r.Title, r.ReviewOn, r.OwnerUserId }).ToListAsync(ct);
        var actions = await (from a in db.RiskActions
                             join r in db.Risks on a.RiskId equals r.Id
                             where r.Status != RiskStatus.Closed && a.DoneAtUtc == null && a.DueOn < today
                             select new { a.Id, a.RiskId, a.Description, a.DueOn, a.OwnerUserId, r.Title }).AsNoTracking().ToListAsync(ct);

        ReminderDue Due(DateOnly dueOn) => new([0], calendar.WorkingDaysAfter(dueOn, today), dueOn.DayNumber - today.DayNumber);
        var notices = reviews.Select(r => new ReminderNotice(r.OwnerUserId, 0, new ReminderItem(ReviewItem, r.Id,
            $"review of risk {RiskScoring.Reference(r.Id)} {r.Title}", r.ReviewOn, Due(r.ReviewOn), links.Link($"/Risks/{r.Id}/Edit"),
            [r.OwnerUserId], "reviewed", links.Link($"/Risks/{r.Id}")), "")).ToList();
        notices.AddRange(actions.Select(a => new ReminderNotice(a.OwnerUserId, 0, new ReminderItem(ActionItem, a.Id,
            $"action on risk {RiskScoring.Reference(a.RiskId)} {a.Title}: {a.Description}", a.DueOn, Due(a.DueOn), links.Link($"/Risks/{a.RiskId}"),
            [a.OwnerUserId], "done", links.Link($"/Risks/{a.RiskId}")), "")));
        return notices;
    }
}

/// <summary>The register's use cases. <see cref="RiskOptions"/> is bound and validated by the infrastructure layer.</summary>
public static class RiskServiceCollectionExtensions
{
    public static IServiceCollection AddReadinessRisks(this IServiceCollection services)
    {
        services.AddScoped<RiskInputCheck>();
        services.AddScoped<RiskCommands>();
        services.AddScoped<RiskQueries>();
        services.AddScoped<RiskViews>();
        services.AddScoped<RiskAcknowledgements>();
        services.AddScoped<IReminderSource, RiskReminders>();
        return services;
    }
}
