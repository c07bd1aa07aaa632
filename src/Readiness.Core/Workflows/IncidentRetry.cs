using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Core.Persistence;

namespace Readiness.Core.Workflows;

/// <summary>
/// The PMO retrying what failed (Elsa's incident retry): an email is put back in the outbox, a refused timer's trigger
/// is fired again, a state's entry actions run again (e.g. after an approver was assigned), an indicator's source is
/// polled again. The retry, the incident's resolution and the audit entry commit together; a retry that fails again
/// changes nothing and says why.
/// </summary>
public sealed class IncidentRetry(ReadinessDbContext db, UnitOfWork unitOfWork, WorkflowEngine engine, WorkflowClock timers, IndicatorCheck indicators,
    AuditLog audit, ReadinessClock clock)
{
    /// <summary>Most failed emails re-queued in one unit of work, so one press never holds the database for long.</summary>
    public const int RequeueChunk = 200;

    public Task<Result<string>> RetryAsync(Actor actor, int incidentId, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            if (!actor.IsIn(Roles.Pmo)) return Failures.Forbidden("Only the PMO retries incidents.");
            var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, c);
            if (incident is null) return Failures.NotFound("The incident");
            if (incident.ResolvedAtUtc is not null) return Failures.Conflict("The incident is already resolved.");
            if (!incident.CanRetry) return Failures.Invalid("This incident has nothing to retry: deal with it, then resolve it with a note.");
            var retried = await RetryOneAsync(incident, c);
            if (!retried.Succeeded) return retried;
            incident.Resolve(actor.UserId, clock.UtcNow);
            audit.Append(new AuditRecord(clock.UtcNow, actor.UserId, null, "incident.retried", "Incident", incidentId.ToString(CultureInfo.InvariantCulture),
                AuditChannel.Web, origin.IpAddress, origin.UserAgent, $"Open → Resolved by retry: {incident.Kind} “{incident.Subject}” — {retried.Value}"));
            return retried;
        }, ct);

    private async Task<Result<string>> RetryOneAsync(Incident incident, CancellationToken ct)
    {
        if (incident.OutboxMessageId is { } messageId)
        {
            var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == messageId, ct);
            if (message is null) return Failures.NotFound("The email");
            return message.Requeue(clock.UtcNow)
                ? Result<string>.Ok($"email to {message.ToAddress} put back in the outbox")
                : Failures.Conflict(message.SentAtUtc is not null ? "The email has been sent since." : "The email is already waiting to be sent.");
        }
        if (incident.TimerId is { } timerId)
            return (await timers.RetryAsync(timerId, ct)).Map(_ => "the timer's trigger fired again");
        if (incident.ActionState is { } state && incident.WorkflowInstanceId is { } instanceId)
        {
            var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == instanceId, ct);
            var rerun = await engine.RerunEntryActionsAsync(instance, state, ct);
            if (!rerun.Succeeded) return rerun.Failure!;
            // The actions failing the same way again open a new incident: then the retry did not help (and is rolled back).
            var again = db.ChangeTracker.Entries<Incident>().Where(e => e.State == EntityState.Added && e.Entity.Kind == incident.Kind).Select(e => e.Entity).FirstOrDefault();
            return again is null ? Result<string>.Ok($"the actions of {state} ran again") : Failures.Conflict($"It failed again: {again.Message}");
        }
        if (incident.IndicatorId is { } indicatorId)
            return (await indicators.RetryFeedAsync(indicatorId, ct)).Map(n => $"the source was polled again: {n} reading(s) imported");
        return Failures.Invalid("This incident has nothing to retry.");
    }

    /// <summary>
    /// Puts every email that gave up back in the outbox (the mail server is back) and resolves their incidents, in
    /// chunks of <see cref="RequeueChunk"/>, each its own unit of work. Returns how many were re-queued.
    /// </summary>
    public async Task<Result<int>> RequeueFailedEmailsAsync(Actor actor, RequestOrigin origin, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Pmo)) return Failures.Forbidden("Only the PMO re-queues emails.");
        var total = 0;
        while (true)
        {
            var chunk = await unitOfWork.RunAsync(async c =>
            {
                var now = clock.UtcNow;
                var failed = await db.Outbox.Where(m => m.FailedAtUtc != null && m.SentAtUtc == null).OrderBy(m => m.Id).Take(RequeueChunk).ToListAsync(c);
                var ids = failed.Select(m => (int?)m.Id).ToList();
                foreach (var m in failed) m.Requeue(now);
                foreach (var i in await db.Incidents.Where(i => i.ResolvedAtUtc == null && ids.Contains(i.OutboxMessageId)).ToListAsync(c))
                    i.Resolve(actor.UserId, now);
                if (failed.Count > 0)
                    audit.Append(new AuditRecord(now, actor.UserId, null, "outbox.requeued", "Outbox", $"{failed[0].Id}-{failed[^1].Id}",
                        AuditChannel.Web, origin.IpAddress, origin.UserAgent, $"{failed.Count} failed email(s) put back in the outbox; their incidents resolved"));
                return Result<int>.Ok(failed.Count);
            }, ct);
            if (!chunk.Succeeded) return total > 0 ? Result<int>.Ok(total) : chunk;
            total += chunk.Value;
            if (chunk.Value < RequeueChunk) return Result<int>.Ok(total);
        }
    }

    public Task<int> FailedEmailCountAsync(CancellationToken ct) => db.Outbox.CountAsync(m => m.FailedAtUtc != null && m.SentAtUtc == null, ct);
}
