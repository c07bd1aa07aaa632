using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Core.Audit;

/// <summary>The result of checking the log: intact, or the first entry missing or wrong and what is wrong with it.</summary>
public sealed record ChainCheck(long Entries, long? FirstBroken, string? Problem = null, int Checkpoints = 0)
{
    public bool Intact => Problem is null;
}

/// <summary>
/// Walks the audit log in chain order and compares it with the checkpoints kept outside the database. Reports the first
/// problem: an entry missing from the sequence, an entry whose content does not match its keyed hash or does not follow
/// the one before, an entry that differs from a checkpoint (a rebuilt chain), or newest entries that a checkpoint says
/// existed but are gone (deleted or truncated).
/// </summary>
public sealed class AuditVerification(ReadinessDbContext db, AuditChainKey key, IAuditCheckpoints checkpoints, Common.ReadinessClock clock)
{
    public async Task<ChainCheck> CheckAsync(CancellationToken ct)
    {
        var log = checkpoints.ReadAll();
        var entries = await db.AuditEntries.LongCountAsync(ct);
        if (log.Problems.Count > 0) return new ChainCheck(entries, null, $"Checkpoint file: {log.Problems[0]}", log.Checkpoints.Count);
        var byIndex = log.Checkpoints.GroupBy(c => c.ChainIndex).ToDictionary(g => g.Key, g => g.First());

        long expected = 1;
        var previous = AuditEntry.GenesisHash;
        var scheme = AuditEntry.LegacyScheme;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.ChainIndex).AsAsyncEnumerable().WithCancellation(ct))
        {
            var i = e.ChainIndex;
            string? problem = null;
            if (i != expected) problem = $"Entry #{expected} is missing: the log goes from #{expected - 1} to #{i}.";
            else if (e.Scheme < scheme) problem = $"Chain broken at entry #{i}: it uses an older hash scheme than the entry before it.";
            else if (e.PreviousHash != previous) problem = $"Chain broken at entry #{i}: it does not follow entry #{i - 1}.";
            else if (e.ComputeHash(key) != e.Hash) problem = $"Chain broken at entry #{i}: its content does not match its hash.";
            else if (byIndex.TryGetValue(i, out var cp) && cp.Hash != e.Hash)
                problem = $"Chain broken at entry #{i}: it differs from the checkpoint of {When(cp.AtUtc)} (the chain was rebuilt).";
            if (problem is not null) return new ChainCheck(entries, i == expected ? i : expected, problem, log.Checkpoints.Count);
            previous = e.Hash;
            scheme = e.Scheme;
            expected++;
        }

        var last = expected - 1;
        if (byIndex.Count > 0 && byIndex.Keys.Max() is var newest && newest > last)
        {
            var cp = byIndex[newest];
            var what = newest == last + 1 ? $"Entry #{newest} is missing" : $"Entries #{last + 1} to #{newest} are missing";
            return new ChainCheck(entries, last + 1, $"{what}: the checkpoint of {When(cp.AtUtc)} recorded the chain at #{newest}, the log ends at #{last}.", log.Checkpoints.Count);
        }
        return new ChainCheck(entries, null, null, log.Checkpoints.Count);
    }

    private string When(DateTime utc) => clock.ToLocal(utc).ToString("d MMM yyyy HH:mm:ss", CultureInfo.GetCultureInfo("en-GB"));
}
