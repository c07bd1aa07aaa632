namespace Readiness.Core.Reminders;

/// <summary>
/// That an item (a return or an approval request) was included in a person's reminder digest on a day, and at what
/// escalation level. Unique per person, item and day: a reminder is never sent twice for the same item and day,
/// whatever happens to the job. The indicator check reuses it for late-reading notices (kind "IndicatorLate", day =
/// the day the reading was due), so a lateness episode is notified once.
/// </summary>
public class ReminderLog
{
    private ReminderLog() { }

    public ReminderLog(string recipientUserId, string itemKind, int itemId, DateOnly day, int level, DateTime nowUtc)
    {
        RecipientUserId = recipientUserId;
        ItemKind = itemKind;
        ItemId = itemId;
        Day = day;
        Level = level;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public string RecipientUserId { get; private set; } = "";

    /// <summary>"Return" (an assessment), "Approval" (an approval request) or "IndicatorLate" (a lead indicator).</summary>
    public string ItemKind { get; private set; } = "";
    public int ItemId { get; private set; }
    public DateOnly Day { get; private set; }

    /// <summary>0: the person who owes the work; 1: escalated to the BCM; 2: escalated to the SRO.</summary>
    public int Level { get; private set; }
    public int? OutboxMessageId { get; private set; }
    public Notifications.OutboxMessage? OutboxMessage { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The email it went out in, written in the same unit of work (its id is set on commit).</summary>
    public void SentIn(Notifications.OutboxMessage message) => OutboxMessage = message;
}

/// <summary>One digest email per person per day (unique), however often the reminder job runs.</summary>
public class ReminderDigest
{
    private ReminderDigest() { }

    public ReminderDigest(string userId, DateOnly day, int items, DateTime nowUtc)
    {
        UserId = userId;
        Day = day;
        Items = items;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public DateOnly Day { get; private set; }
    public int Items { get; private set; }
    public int? OutboxMessageId { get; private set; }
    public Notifications.OutboxMessage? OutboxMessage { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The email it went out in, written in the same unit of work (its id is set on commit).</summary>
    public void SentIn(Notifications.OutboxMessage message) => OutboxMessage = message;
}
