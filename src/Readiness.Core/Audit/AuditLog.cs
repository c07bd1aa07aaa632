using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Core.Audit;

/// <summary>The chain's newest entry after a commit: what a checkpoint records.</summary>
public sealed record AuditHead(long ChainIndex, string Hash);

/// <summary>
/// Collects the audit entries of the current unit of work; <see cref="UnitOfWork"/> seals them into the hash chain
/// after the domain changes are flushed, in the same transaction. Sealing last means an entry can name a row created
/// in the same unit of work (its id is known by then) and the chain head is read as late as possible. The chain index
/// is unique in the database, so two transactions that read the same head cannot both commit: the loser is retried.
/// </summary>
public sealed class AuditLog(ReadinessDbContext db, AuditChainKey key)
{
    private readonly List<Func<AuditRecord>> _pending = [];

    public void Append(AuditRecord record) => _pending.Add(() => record);

    /// <summary>An entry built when the log is sealed, e.g. to name a row this unit of work creates (its id is known then).</summary>
    public void Append(Func<AuditRecord> record) => _pending.Add(record);

    internal void Discard() => _pending.Clear();

    internal async Task<AuditHead?> SealAsync(CancellationToken ct)
    {
        if (_pending.Count == 0) return null;
        var head = await db.AuditEntries.OrderByDescending(e => e.ChainIndex).Select(e => new AuditHead(e.ChainIndex, e.Hash)).FirstOrDefaultAsync(ct);
        var index = head?.ChainIndex ?? 0;
        var previous = head?.Hash ?? AuditEntry.GenesisHash;
        foreach (var make in _pending)
        {
            var entry = new AuditEntry(make(), ++index, previous, key);
            db.AuditEntries.Add(entry);
            previous = entry.Hash;
        }
        _pending.Clear();
        return new AuditHead(index, previous);
    }
}
