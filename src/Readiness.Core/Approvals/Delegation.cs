namespace Readiness.Core.Approvals;

/// <summary>
/// Person A's approvals go to person B from <see cref="StartsOn"/> to <see cref="EndsOn"/> inclusive.
/// Non-cascading: a request is redirected once, never along B's own delegation.
/// </summary>
public class Delegation
{
    private Delegation() { }

    public Delegation(string fromUserId, string toUserId, DateOnly startsOn, DateOnly endsOn, DateTime nowUtc)
    {
        if (fromUserId == toUserId) throw new ArgumentException("A person cannot delegate to themselves.", nameof(toUserId));
        if (endsOn < startsOn) throw new ArgumentException("A delegation cannot end before it starts.", nameof(endsOn));
        FromUserId = fromUserId;
        ToUserId = toUserId;
        StartsOn = startsOn;
        EndsOn = endsOn;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public string FromUserId { get; private set; } = "";
    public string ToUserId { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? CancelledAtUtc { get; private set; }

    public bool IsActiveOn(DateOnly day) => CancelledAtUtc is null && StartsOn <= day && day <= EndsOn;

    public void Cancel(DateTime nowUtc) => CancelledAtUtc ??= nowUtc;

    /// <summary>Who should be asked on <paramref name="day"/>: the delegate of an active delegation, else the person.</summary>
    public static (string Approver, string? OnBehalfOf) Resolve(string userId, IEnumerable<Delegation> delegations, DateOnly day)
    {
        var active = delegations.Where(d => d.FromUserId == userId && d.IsActiveOn(day)).OrderByDescending(d => d.CreatedAtUtc).FirstOrDefault();
        return active is null ? (userId, null) : (active.ToUserId, userId);
    }
}
