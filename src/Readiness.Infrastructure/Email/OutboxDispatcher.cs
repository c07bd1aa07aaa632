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

    public static DispatchResult operator +(DispatchResult a, DispatchResult b) => new(a.Sent + b.Sent, a.Retried + b.Retried, a.Failed + b.Failed);
}

/// <summary>
/// Sends the outbox messages that are due, oldest first, a batch at a time over one connection. The app database holds
/// all retry state, so the job or wake-up that calls this can run twice, crash or lose its own storage without losing or
/// repeating mail:
/// <list type="bullet">
/// <item>A batch is claimed with one conditional update (each row's Version moves on and NextAttemptAtUtc becomes a
/// lease, Email:ClaimLeaseSeconds), so two dispatchers — on one node or several — never send the same row; a crash
/// mid-batch sends the batch again after the lease (the only duplicates are that in-flight batch).</item>
/// <item>The batch goes out through one <see cref="IMailSession"/> (one SMTP connection, opened again if it breaks).</item>
/// <item>The outcomes are recorded in one unit of work, each only if its row still carries this claim's Version; a row
/// another dispatcher took over meanwhile is skipped quietly. A delivered re-sent decision link closes the link it
/// replaces in the same unit of work.</item>
/// <item>A permanent failure, or the last transient one, fails the row and opens an Incident (which the PMO can retry:
/// it puts the row back in the queue) in the same unit of work.</item>
/// </list>
/// </summary>
public sealed class OutboxDispatcher(
    ReadinessDbContext db, UnitOfWork unitOfWork, IMailTransport transport, ReadinessClock clock, IOptions<SmtpOptions> options, ILogger<OutboxDispatcher> logger)
{
    public const int BatchSize = 50;
    public const string IncidentKind = "EmailFailed";

    /// <summary>How many messages may fail to reach the server in a row before the rest of the run is not tried.</summary>
    private const int UnreachableInARow = 2;

    private enum Outcome { Sent, Retried, Failed, Skipped }

    public async Task<DispatchResult> DispatchAsync(CancellationToken ct)
    {
        // Rows that come due after this moment wait for the next run, so a run always ends.
        var dueBy = clock.UtcNow;
        var total = new DispatchResult(0, 0, 0);
        var sending = new BatchSending();
        await using var session = transport.OpenSession();
        while (!ct.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            // Every claimed row leaves the due set (leased, then sent, failed or retried later), so the next claim holds new rows.
            var batch = await ClaimBatchAsync(dueBy, ct);
            if (batch.Count == 0) break;
            var outcomes = await sending.SendAsync(session, batch, ct);
            total += await RecordAsync(batch, outcomes);
        }
        return total;
    }

    /// <summary>
    /// One statement takes the oldest due rows and returns them as claimed: a concurrent claim (SQLite's single writer,
    /// PostgreSQL's row locks at READ COMMITTED re-checking the condition) finds them leased and takes others.
    /// </summary>
    private async Task<List<OutboxMessage>> ClaimBatchAsync(DateTime dueBy, CancellationToken ct)
    {
        var leaseUntil = clock.UtcNow + TimeSpan.FromSeconds(options.Value.ClaimLeaseSeconds);
        var claimed = await db.Outbox.FromSql($"""
            UPDATE "Outbox" SET "Version" = "Version" + 1, "NextAttemptAtUtc" = {leaseUntil}
            WHERE "SentAtUtc" IS NULL AND "FailedAtUtc" IS NULL AND "NextAttemptAtUtc" <= {dueBy}
              AND "Id" IN (SELECT "Id" FROM "Outbox"
                           WHERE "SentAtUtc" IS NULL AND "FailedAtUtc" IS NULL AND "NextAttemptAtUtc" <= {dueBy}
                           ORDER BY "CreatedAtUtc", "Id" LIMIT {BatchSize})
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return [.. claimed.OrderBy(m => m.CreatedAtUtc).ThenBy(m => m.Id)];
    }

    /// <summary>Records every outcome of the batch in one unit of work. Not cancellable: once the server has a message, recording that is what prevents a resend.</summary>
    private async Task<DispatchResult> RecordAsync(List<OutboxMessage> batch, IReadOnlyDictionary<int, Exception?> outcomes)
    {
        var claims = batch.ToDictionary(m => m.Id, m => m.Version);
        var ids = claims.Keys.ToList();
        var asClaimed = true;
        var recorded = await unitOfWork.RunAsync(async c =>
        {
            int sent = 0, retried = 0, failed = 0;
            var now = clock.UtcNow;
            // First the rows as the claim returned them (no second read of 50 bodies): their Version is the concurrency
            // token, so if another dispatcher took one over since, the save fails and the retry reads them afresh.
            List<OutboxMessage> rows;
            if (asClaimed)
            {
                asClaimed = false;
                db.Outbox.AttachRange(batch);
                rows = batch;
            }
            else rows = await db.Outbox.Where(m => ids.Contains(m.Id)).ToListAsync(c);
            foreach (var row in rows)
            {
                if (row.Version != claims[row.Id] || !row.IsPending)
                {
                    logger.LogDebug("Outbox message {Id} was taken over by another dispatcher; skipped", row.Id);
                    continue;
                }
                if (!outcomes.TryGetValue(row.Id, out var error))
                {
                    row.ReleaseClaim(now); // not tried (stopping): due again now, not when the lease lapses
                    continue;
                }
                switch (Record(row, error, now))
                {
                    case Outcome.Sent:
                        sent++;
                        await OutboxDelivery.AfterSentAsync(db, row, now, c);
                        break;
                    case Outcome.Retried: retried++; break;
                    case Outcome.Failed: failed++; break;
                }
            }
            return Result<DispatchResult>.Ok(new DispatchResult(sent, retried, failed));
        }, CancellationToken.None);
        if (!recorded.Succeeded)
            logger.LogWarning("Outbox: the outcomes of {Count} messages could not be recorded ({Error}); they are sent again after their claim lapses", batch.Count, recorded.Failure?.Message);
        return recorded.Value ?? new DispatchResult(0, 0, 0);
    }

    private Outcome Record(OutboxMessage message, Exception? error, DateTime now)
    {
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

    /// <summary>
    /// Sends batches through one session, remembering across the run whether the server can be reached: after
    /// <see cref="UnreachableInARow"/> messages in a row failed to reach it, the rest of the run gets the same failure
    /// without being tried (each of them would have waited for the same refused or timed-out connection).
    /// </summary>
    private sealed class BatchSending
    {
        private int _unreachable;
        private Exception? _down;

        /// <summary>Each tried message's outcome: null when sent, else the error. Messages not tried (stopping) are left out.</summary>
        public async Task<IReadOnlyDictionary<int, Exception?>> SendAsync(IMailSession session, IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
        {
            var outcomes = new Dictionary<int, Exception?>();
            foreach (var message in batch)
            {
                if (ct.IsCancellationRequested) break;
                if (_down is not null)
                {
                    outcomes[message.Id] = _down;
                    continue;
                }
                try
                {
                    await session.SendAsync(message, ct);
                    outcomes[message.Id] = null;
                    _unreachable = 0;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break; // stopping: what was sent is recorded, this message and the rest get their claims back
                }
#pragma warning disable CA1031 // Every failure is recorded on the row.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    outcomes[message.Id] = ex;
                    _unreachable = SendFailure.Classify(ex).Unreachable ? _unreachable + 1 : 0;
                    if (_unreachable >= UnreachableInARow) _down = ex;
                }
            }
            return outcomes;
        }
    }
}
