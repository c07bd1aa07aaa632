using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Workflows;

/// <summary>
/// Fires due timers, each in its own transaction. Idempotent: a timer fires at most once (its FiredAt is committed
/// with the transition), a timer of a state the instance has left is cancelled, and running twice does nothing twice.
/// </summary>
public sealed class WorkflowClock(ReadinessDbContext db, WorkflowEngine engine, ReadinessClock clock)
{
    public async Task<int> FireDueTimersAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        var due = await db.WorkflowTimers.AsNoTracking()
            .Where(t => t.FiredAtUtc == null && t.CancelledAtUtc == null && t.DueAtUtc <= now)
            .OrderBy(t => t.DueAtUtc).Select(t => t.Id).Take(200).ToListAsync(ct);
        var fired = 0;
        foreach (var id in due)
            if (await DbRetry.RunAsync(db, () => FireOneAsync(id, ct))) fired++;
        return fired;
    }

    private async Task<bool> FireOneAsync(int timerId, CancellationToken ct)
    {
        var timer = await db.WorkflowTimers.SingleAsync(t => t.Id == timerId, ct);
        if (!timer.IsPending) return false;
        var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == timer.InstanceId, ct);
        var now = clock.UtcNow;
        if (instance.State != timer.State)
        {
            timer.Cancel(now);
            await db.SaveChangesAsync(ct);
            return false;
        }
        timer.Fire(now);
        var result = await engine.FireAsync(instance, TriggerContext.System(timer.Trigger), ct);
        if (!result.Succeeded)
            db.Incidents.Add(new Incident("TimerRefused", $"Timer '{timer.Name}' of workflow {instance.DefinitionId} #{instance.Id}",
                result.Failure!.Message, now, instance.Id));
        await db.SaveChangesAsync(ct);
        return result.Succeeded;
    }
}
