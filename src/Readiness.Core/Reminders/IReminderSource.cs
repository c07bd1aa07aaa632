namespace Readiness.Core.Reminders;

/// <summary>
/// A feature's own items for today's digests (risk reviews and actions overdue, gates forecast short), beside the
/// sweep's returns and approvals. The sweep logs, batches and sends them with the rest: one digest per person per day,
/// and an item never twice on a day.
/// </summary>
public interface IReminderSource
{
    Task<IReadOnlyList<ReminderNotice>> NoticesAsync(DateOnly today, CancellationToken ct);
}
