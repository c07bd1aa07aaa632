using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Notifications;

namespace Readiness.Core.Persistence;

/// <summary>What a committed unit of work wrote that someone outside the database cares about.</summary>
/// <param name="AuditHead">The audit chain's new head, when the unit of work appended audit entries.</param>
/// <param name="EmailsQueued">Outbox rows written: the dispatcher can be woken now instead of at its next poll.</param>
public sealed record CommitSummary(AuditHead? AuditHead, int EmailsQueued);

/// <summary>Told after a unit of work commits (never before, never on rollback). Must not throw.</summary>
public interface ICommitObserver
{
    void Committed(CommitSummary summary);
}

/// <summary>
/// The one transaction boundary (DESIGN §3): every command, job run and timer firing runs its work through
/// <see cref="RunAsync{T}"/>, which owns the retry, the transaction and the single commit. The work itself (use
/// cases, the workflow engine, entry actions) only changes tracked entities and never saves; where it needs the id of
/// a row it creates, it uses navigation properties. A failure result rolls everything back. A lost race — an
/// optimistic-concurrency conflict, a provider's transient error or a unique index taken by a concurrent transaction —
/// runs the whole work again on fresh data, and becomes a <see cref="FailureKind.Conflict"/> if it keeps losing.
/// Audit entries are sealed last, in the same transaction, so the chain is linked over the final values.
/// </summary>
public sealed class UnitOfWork(ReadinessDbContext db, AuditLog audit, IDbErrorRule errors, IEnumerable<ICommitObserver> observers)
{
    public const int MaxAttempts = 5;
    public const string LostRace = "Someone else changed this at the same moment, so nothing was saved. Check what is shown now and try again.";

    private readonly Queue<Func<CancellationToken, Task>> _afterFlush = new();
    private int _depth;

    /// <summary>True while work runs inside a unit of work (the engine refuses to run outside one).</summary>
    public bool IsActive => _depth > 0;

    /// <summary>
    /// A step that needs what the work wrote to be in the database — the ids of rows it created, queries that see its
    /// changes — run after the work's changes are flushed and before the commit, in the same transaction (a PMO adding a
    /// go / no-go gate after every return was approved: the gate's workflow needs the new gate's id). Whatever the step
    /// changes is flushed too; steps run in the order they were added, and may add more.
    /// </summary>
    public void AfterFlush(Func<CancellationToken, Task> step)
    {
        if (_depth == 0) throw new InvalidOperationException("AfterFlush is only possible inside a unit of work.");
        _afterFlush.Enqueue(step);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it if it succeeds. Called from inside another unit
    /// of work, it joins that one (the outer one commits). <paramref name="lostRace"/> is the message when retries run out.
    /// </summary>
    public async Task<Result<T>> RunAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken ct, string? lostRace = null)
    {
        if (_depth > 0) return await work(ct);
        for (var attempt = 1; ; attempt++)
        {
            Reset();
            _depth++;
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var result = await work(ct);
                if (!result.Succeeded)
                {
                    Reset(); // disposing the transaction rolls back whatever the work wrote or flushed
                    return result;
                }
                var emails = EmailsAdded();
                await db.SaveChangesAsync(ct);
                while (_afterFlush.TryDequeue(out var step))
                {
                    await step(ct);
                    emails += EmailsAdded();
                    await db.SaveChangesAsync(ct);
                }
                var head = await audit.SealAsync(ct);
                if (head is not null) await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                Notify(new CommitSummary(head, emails));
                return result;
            }
            catch (Exception ex) when (IsLostRace(ex))
            {
                Reset();
                if (attempt >= MaxAttempts) return Failures.Conflict(lostRace ?? LostRace);
                await Task.Delay(Random.Shared.Next(5, 40) * attempt, ct);
            }
            catch
            {
                Reset();
                throw;
            }
            finally
            {
                _depth--;
            }
        }
    }

    private bool IsLostRace(Exception ex) =>
        ex is DbUpdateConcurrencyException || errors.Classify(ex) is DbErrorKind.Transient or DbErrorKind.UniqueViolation;

    /// <summary>
    /// Outbox rows waiting to be saved. They are only ever added with <c>DbSet.Add</c> (<see cref="Outbox.Enqueue"/>),
    /// which marks them Added at once, so the count does not ask the tracker to compare every row with its snapshot
    /// first (the save straight after does that).
    /// </summary>
    private int EmailsAdded()
    {
        using var pause = new DetectionPause(db.ChangeTracker);
        return db.ChangeTracker.Entries<OutboxMessage>().Count(e => e.State == EntityState.Added);
    }

    private void Reset()
    {
        db.ChangeTracker.Clear();
        audit.Discard();
        _afterFlush.Clear();
    }

    private void Notify(CommitSummary summary)
    {
        foreach (var observer in observers) observer.Committed(summary);
    }
}
