using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Common;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;
using Readiness.Core.Workflows;

namespace Readiness.Infrastructure.Email;

/// <summary>What one dispatcher run did, for logs and tests.</summary>
public sealed record DispatchResult(int Sent, int Retried, int Failed)
{
    public int Total => Sent + Retried + Failed;
}

/// <summary>
/// Sends the outbox messages that are due, oldest first, and records each outcome on that row alone. The app
/// database holds all retry state, so the job that calls this can run twice, crash or lose its own storage
/// without losing or repeating mail:
/// <list type="bullet">
/// <item>Before sending, a row is claimed with a conditional update (Version and a short lease on
/// NextAttemptAtUtc, Email:ClaimLeaseSeconds), so two dispatchers — on one node or several — never send the same
/// row; a crash mid-send retries after the lease.</item>
/// <item>After sending, the outcome is recorded in one unit of work, only if the row still carries this claim's Version;
/// if another dispatcher recorded it meanwhile, this one skips quietly. A delivered re-sent decision link closes the
/// link it replaces in the same unit of work.</item>
/// <item>A permanent failure, or the last transient one, fails the row and opens an Incident (which the PMO can retry:
/// it puts the row back in the queue) in the same unit of work.</item>
/// </list>
/// </summary>
public sealed class OutboxDispatcher(
    ReadinessDbContext db, UnitOfWork unitOfWork, IMailTransport transport, ReadinessClock clock, IOptions<SmtpOptions> options, ILogger<OutboxDispatcher> logger)
{
    public const int BatchSize = 50;
    public const string IncidentKind = "EmailFailed";

    private enum Outcome { Sent, Retried, Failed, Skipped }

    public async Task<DispatchResult> DispatchAsync(CancellationToken ct)
    {
        var dueBy = clock.UtcNow;
        int sent = 0, retried = 0, failed = 0;
        var seen = new HashSet<int>();
        while (!ct.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            // Every row handled below leaves this set (sent, failed, retried later or leased), so the next batch
            // holds new rows; 'seen' only guards against looping forever if that ever stops being true.
            var batch = await db.Outbox.AsNoTracking()
                .Where(m => m.SentAtUtc == null && m.FailedAtUtc == null && m.NextAttemptAtUtc <= dueBy)
                .OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            var fresh = 0;
            foreach (var m in batch) if (seen.Add(m.Id)) fresh++;
            if (fresh == 0) break;

            foreach (var message in batch)
            {
                if (ct.IsCancellationRequested) break;
                switch (await DispatchOneAsync(message, ct))
                {
                    case Outcome.Sent: sent++; break;
                    case Outcome.Retried: retried++; break;
                    case Outcome.Failed: failed++; break;
                }
            }
        }
        return new DispatchResult(sent, retried, failed);
    }

    private async Task<Outcome> DispatchOneAsync(OutboxMessage message, CancellationToken ct)
    {
        var claimedVersion = message.Version + 1;
        var leaseUntil = clock.UtcNow + TimeSpan.FromSeconds(options.Value.ClaimLeaseSeconds);
        var claimed = await db.Outbox
            .Where(m => m.Id == message.Id && m.Version == message.Version && m.SentAtUtc == null && m.FailedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Version, claimedVersion).SetProperty(m => m.NextAttemptAtUtc, leaseUntil), ct);
        if (claimed == 0) return Outcome.Skipped;

        Exception? error = null;
        try
        {
            await transport.SendAsync(message, ct);
        }
#pragma warning disable CA1031 // Every failure is recorded on the row; only shutdown escapes (the lease then retries it).
        catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
#pragma warning restore CA1031
        {
            error = ex;
        }

        // Not cancellable: once the server has the message, recording that is what prevents a resend.
        var recorded = await unitOfWork.RunAsync(async c =>
        {
            var row = await db.Outbox.FirstOrDefaultAsync(m => m.Id == message.Id && m.Version == claimedVersion, c);
            if (row is null) return Result<Outcome>.Ok(Outcome.Skipped); // another dispatcher recorded it meanwhile
            var outcome = Record(row, error);
            if (outcome == Outcome.Sent) await OutboxDelivery.AfterSentAsync(db, row, clock.UtcNow, c);
            return Result<Outcome>.Ok(outcome);
        }, CancellationToken.None);
        if (recorded.Value == Outcome.Skipped) logger.LogDebug("Outbox message {Id} was recorded by another dispatcher; skipped", message.Id);
        return recorded.Succeeded ? recorded.Value : Outcome.Skipped;
    }

    private Outcome Record(OutboxMessage message, Exception? error)
    {
        var now = clock.UtcNow;
        if (error is null)
        {
            message.MarkSent(now);
            return Outcome.Sent;
        }

        var o = options.Value;
        var failure = SendFailure.Classify(error);
        var attempt = message.Attempts + 1;
        if (!failure.Permanent && attempt < o.MaxAttempts)
        {
            var retryAt = now + o.RetryDelayAfter(attempt);
            message.MarkFailed(failure.Description, now, retryAt);
            logger.LogWarning("Email {Id} to {To}: attempt {Attempt} failed ({Error}); retry at {RetryAt:u}", message.Id, message.ToAddress, attempt, failure.Description, retryAt);
            return Outcome.Retried;
        }

        message.MarkFailed(failure.Description, now, retryAtUtc: null);
        var why = failure.Permanent
            ? $"The mail server refused the message permanently: {failure.Description}"
            : $"Gave up: retries exhausted after {attempt} attempts. Last error: {failure.Description}";
        db.Incidents.Add(new Incident(IncidentKind, $"Email {message.Id} to {message.ToAddress}: {message.Subject}", why, now).RetriesEmail(message.Id));
        logger.LogError("Email {Id} to {To} failed: {Why}", message.Id, message.ToAddress, why);
        return Outcome.Failed;
    }
}
