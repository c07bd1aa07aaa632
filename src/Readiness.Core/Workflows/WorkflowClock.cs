using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Workflows;

/// <summary>
/// Fires due timers, each in its own unit of work. Idempotent: a timer fires at most once (its FiredAt commits with the
/// transition and everything the target state's entry actions write), a timer of a state the instance has left is
/// cancelled, and running twice does nothing twice. A trigger the workflow refuses becomes an incident the PMO can retry.
/// </summary>
public sealed class WorkflowClock(ReadinessDbContext db, UnitOfWork unitOfWork, WorkflowEngine engine, ReadinessClock clock)
{
    public const string RefusedIncidentKind = "TimerRefused";

    public async Task<int> FireDueTimersAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        var due = await db.WorkflowTimers.AsNoTracking()
            .Where(t => t.FiredAtUtc == null && t.CancelledAtUtc == null && t.DueAtUtc <= now)
            .OrderBy(t => t.DueAtUtc).Select(t => t.Id).Take(200).ToListAsync(ct);
        var fired = 0;
        foreach (var id in due)
            if ((await unitOfWork.RunAsync(c => FireOneAsync(id, c), ct)).Value) fired++;
        return fired;
    }

    private async Task<Result<bool>> FireOneAsync(int timerId, CancellationToken ct)
    {
        var timer = await db.WorkflowTimers.SingleAsync(t => t.Id == timerId, ct);
        if (!timer.IsPending) return Result<bool>.Ok(false);
        var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == timer.InstanceId, ct);
        var now = clock.UtcNow;
        if (instance.State != timer.State)
        {
            timer.Cancel(now);
            return Result<bool>.Ok(false);
        }
        timer.Fire(now);
        var result = await engine.FireAsync(instance, TriggerContext.System(timer.Trigger), ct);
        // The engine refuses before it changes anything, so a refusal leaves only the timer fired and the incident.
        if (!result.Succeeded)
            db.Incidents.Add(new Incident(RefusedIncidentKind, $"Timer '{timer.Name}' of workflow {instance.DefinitionId} #{instance.Id}",
                result.Failure!.Message, now, instance).RetriesTimer(timerId));
        return Result<bool>.Ok(result.Succeeded);
    }

    /// <summary>
    /// Fires a refused timer's trigger again (the PMO retrying its incident), if the instance is still in the timer's state.
    /// Runs inside the caller's unit of work.
    /// </summary>
    public async Task<Result<bool>> RetryAsync(int timerId, CancellationToken ct)
    {
        var timer = await db.WorkflowTimers.SingleOrDefaultAsync(t => t.Id == timerId, ct);
        if (timer is null) return Failures.NotFound("The timer");
        var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == timer.InstanceId, ct);
        if (instance.State != timer.State)
            return Failures.Conflict($"The workflow has moved on from {timer.State} (it is now {instance.State}), so there is nothing to retry.");
        var result = await engine.FireAsync(instance, TriggerContext.System(timer.Trigger), ct);
        return result.Succeeded ? Result<bool>.Ok(true) : result.Failure!;
    }
}
