namespace Readiness.Core.Audit;

/// <summary>A head of the chain as recorded outside the database after a commit.</summary>
public sealed record AuditCheckpoint(long ChainIndex, string Hash, DateTime AtUtc);

/// <summary>The checkpoints read back, and any line that is not genuine (bad signature or unreadable).</summary>
public sealed record CheckpointLog(IReadOnlyList<AuditCheckpoint> Checkpoints, IReadOnlyList<string> Problems);

/// <summary>
/// Where the chain's head is checkpointed outside the app database (DESIGN §4), so that deleting the newest entries,
/// truncating the log or rebuilding the chain is noticed by comparing the log with what was recorded at each commit.
/// </summary>
public interface IAuditCheckpoints
{
    void Append(AuditHead head, DateTime atUtc);

    CheckpointLog ReadAll();
}

/// <summary>Checkpoints the new head after every commit that wrote audit entries.</summary>
public sealed class AuditCheckpointObserver(IAuditCheckpoints checkpoints, Common.ReadinessClock clock) : Persistence.ICommitObserver
{
    public void Committed(Persistence.CommitSummary summary)
    {
        if (summary.AuditHead is { } head) checkpoints.Append(head, clock.UtcNow);
    }
}
