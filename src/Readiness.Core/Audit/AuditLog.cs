using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Core.Audit;

/// <summary>
/// Appends hash-chained audit entries inside the caller's unit of work. The chain index is unique in the database,
/// so two transactions that read the same chain head cannot both commit: the loser retries (see <see cref="DbRetry"/>).
/// </summary>
public sealed class AuditLog(ReadinessDbContext db)
{
    public async Task AppendAsync(AuditRecord record, CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .OrderByDescending(e => e.ChainIndex).FirstOrDefault();
        var head = pending is not null
            ? (pending.ChainIndex, pending.Hash)
            : await db.AuditEntries.OrderByDescending(e => e.ChainIndex).Select(e => new ValueTuple<long, string>(e.ChainIndex, e.Hash)).FirstOrDefaultAsync(ct);
        var previous = head.Item2 ?? AuditEntry.GenesisHash;
        db.AuditEntries.Add(new AuditEntry(record, head.Item1 + 1, previous));
    }

    /// <summary>Walks the chain and returns the first entry whose hash or link does not match, or null when intact.</summary>
    public async Task<long?> FirstBrokenAsync(CancellationToken ct)
    {
        var previous = AuditEntry.GenesisHash;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.ChainIndex).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (entry.PreviousHash != previous || entry.ComputeHash() != entry.Hash) return entry.ChainIndex;
            previous = entry.Hash;
        }
        return null;
    }
}
