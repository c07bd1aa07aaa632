namespace Readiness.Core.Indicators;

public enum AlertStatus
{
    Open = 0,
    Acknowledged = 1,
    Resolved = 2,
}

public enum AlertResolution
{
    Corrected = 0,
    Accepted = 1,
    RolledBack = 2,
}

/// <summary>
/// A lead-indicator breach. One alert per breach: while an alert of an indicator is open or acknowledged, further
/// breaching readings belong to it. Lifecycle: open → acknowledged → resolved (corrected, accepted or rolled back).
/// </summary>
public class IndicatorAlert
{
    private IndicatorAlert() { }

    public IndicatorAlert(int indicatorId, DateOnly breachedOn, string severity, string reason, DateTime nowUtc)
    {
        IndicatorId = indicatorId;
        BreachedOn = breachedOn;
        Severity = severity;
        Reason = reason;
        OpenedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int IndicatorId { get; private set; }
    public DateOnly BreachedOn { get; private set; }

    /// <summary>"Amber" or "Red" at opening; a later worse reading may raise it.</summary>
    public string Severity { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public AlertStatus Status { get; private set; }
    public DateTime OpenedAtUtc { get; private set; }
    public string? AcknowledgedByUserId { get; private set; }
    public DateTime? AcknowledgedAtUtc { get; private set; }
    public AlertResolution? Resolution { get; private set; }
    public string? ResolvedByUserId { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }
    public string Comment { get; private set; } = "";

    /// <summary>App-managed concurrency token: two people acting on one alert get one winner.</summary>
    public int Version { get; private set; }

    public bool IsActive => Status != AlertStatus.Resolved;

    public void Raise(string severity, string reason)
    {
        Severity = severity;
        Reason = reason;
        Version++;
    }

    public void Acknowledge(string userId, string comment, DateTime nowUtc)
    {
        if (Status != AlertStatus.Open) throw new InvalidOperationException($"Alert {Id} is {Status}, not open.");
        Status = AlertStatus.Acknowledged;
        AcknowledgedByUserId = userId;
        AcknowledgedAtUtc = nowUtc;
        Comment = comment;
        Version++;
    }

    public void Resolve(AlertResolution resolution, string userId, string comment, DateTime nowUtc)
    {
        if (Status == AlertStatus.Resolved) throw new InvalidOperationException($"Alert {Id} is already resolved.");
        Status = AlertStatus.Resolved;
        Resolution = resolution;
        ResolvedByUserId = userId;
        ResolvedAtUtc = nowUtc;
        Comment = comment;
        Version++;
    }
}
