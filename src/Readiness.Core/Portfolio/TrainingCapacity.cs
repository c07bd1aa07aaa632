namespace Readiness.Core.Portfolio;

/// <summary>
/// A business area's weekly training capacity from one week on (DESIGN §2, "Training capacity"): the trainer-led hours
/// of training its people can absorb in a week, and the share of them reserved for business-as-usual training. Each
/// change is a new row from the week it takes effect, so the history stays: a week is compared with the capacity in
/// force then (<see cref="TrainingLoad.InForce"/>).
/// </summary>
public class TrainingCapacity
{
    private TrainingCapacity() { }

    public TrainingCapacity(int businessAreaId, DateOnly fromWeek, decimal hoursPerWeek, decimal bauSharePercent, string? recordedByUserId, DateTime recordedAtUtc)
    {
        if (fromWeek != ChangeLoad.WeekStart(fromWeek)) throw new ArgumentException("A capacity takes effect from a Monday.", nameof(fromWeek));
        BusinessAreaId = businessAreaId;
        FromWeek = fromWeek;
        Change(hoursPerWeek, bauSharePercent, recordedByUserId, recordedAtUtc);
    }

    public int Id { get; private set; }
    public int BusinessAreaId { get; private set; }

    /// <summary>The Monday of the first week this capacity applies to; it applies until the next row's week.</summary>
    public DateOnly FromWeek { get; private set; }

    /// <summary>Trainer-led hours of training (person-hours) the area can absorb in a week.</summary>
    public decimal HoursPerWeek { get; private set; }

    /// <summary>Percentage of <see cref="HoursPerWeek"/> reserved for business-as-usual training (0 to 100).</summary>
    public decimal BauSharePercent { get; private set; }

    public string? RecordedByUserId { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>Hours a week left for the portfolio's training once BAU training has its share.</summary>
    public decimal Available => TrainingLoad.Available(HoursPerWeek, BauSharePercent);

    public void Change(decimal hoursPerWeek, decimal bauSharePercent, string? recordedByUserId, DateTime recordedAtUtc)
    {
        if (TrainingLoad.Problems(hoursPerWeek, bauSharePercent).FirstOrDefault() is { } problem) throw new ArgumentOutOfRangeException(problem.Field, problem.Message);
        HoursPerWeek = hoursPerWeek;
        BauSharePercent = bauSharePercent;
        RecordedByUserId = recordedByUserId;
        RecordedAtUtc = recordedAtUtc;
    }
}
