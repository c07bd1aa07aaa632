namespace Readiness.Core.Indicators;

/// <summary>One value of an indicator for one day. At most one reading per indicator and day.</summary>
public class IndicatorReading
{
    private IndicatorReading() { }

    public IndicatorReading(int indicatorId, DateOnly date, decimal value, IndicatorSource source, string? enteredByUserId, DateTime nowUtc)
    {
        IndicatorId = indicatorId;
        Date = date;
        Value = value;
        Source = source;
        EnteredByUserId = enteredByUserId;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public int IndicatorId { get; private set; }
    public DateOnly Date { get; private set; }
    public decimal Value { get; private set; }
    public IndicatorSource Source { get; private set; }
    public string? EnteredByUserId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
}
