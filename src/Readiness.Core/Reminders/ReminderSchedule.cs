using Readiness.Core.Portfolio;

namespace Readiness.Core.Reminders;

/// <summary>What the schedule says about one item today: who (by escalation level) is told, and how late it is.</summary>
/// <param name="Levels">0 is the person who owes the work; 1 and 2 are the escalation levels reached (cumulative).</param>
/// <param name="OverdueWorkingDays">0 while the item is not yet due.</param>
/// <param name="DaysUntilDue">Calendar days to the due date (negative once past it).</param>
/// <param name="MissedDay">Set when today's reminder stands in for one that fell on a day the sweep did not run.</param>
public sealed record ReminderDue(IReadOnlyList<int> Levels, int OverdueWorkingDays, int DaysUntilDue, DateOnly? MissedDay = null)
{
    public bool IsOverdue => DaysUntilDue < 0;
    public int HighestLevel => Levels[^1];
}

/// <summary>
/// When to remind about one kind of item: a number of calendar days before the due date (moved back to the previous
/// working day when it falls on a weekend or bank holiday), then every working day once overdue, escalating one
/// level up each time an overdue threshold (in working days) is reached.
/// </summary>
/// <param name="DaysBefore">Calendar days before the due date, e.g. [7, 3, 1].</param>
/// <param name="EscalateAfterOverdueWorkingDays">Threshold for level 1, then level 2, …, e.g. [2, 5].</param>
public sealed record ReminderSchedule(IReadOnlyList<int> DaysBefore, IReadOnlyList<int> EscalateAfterOverdueWorkingDays)
{
    /// <summary>
    /// Which levels to notify on <paramref name="today"/> about an item due on <paramref name="dueOn"/>; null when
    /// nobody is to be reminded today. Pure: the same inputs always give the same answer.
    /// </summary>
    /// <param name="lastSweepDay">
    /// The last day before today the sweep ran. A before-due reminder day after it and before today was missed (the app
    /// was down or the job failed), so the reminder goes out today instead of never. Null when no sweep ran before:
    /// reminder days from before the system knew about the item are not caught up.
    /// </param>
    public ReminderDue? On(DateOnly dueOn, DateOnly today, WorkingCalendar calendar, DateOnly? lastSweepDay = null)
    {
        // Nobody is reminded on a day off: reminders due then were moved back to the working day before.
        if (!calendar.IsWorkingDay(today)) return null;
        var daysUntilDue = dueOn.DayNumber - today.DayNumber;
        // On the due day itself nothing is scheduled, but a T-1 reminder missed the day before is still worth sending.
        if (daysUntilDue >= 0)
        {
            var days = DaysBefore.Select(n => calendar.OnOrBefore(dueOn.AddDays(-n))).ToList();
            if (days.Contains(today)) return new ReminderDue([0], 0, daysUntilDue);
            if (lastSweepDay is not { } last) return null;
            var missed = days.Where(d => d > last && d < today).ToList();
            return missed.Count > 0 ? new ReminderDue([0], 0, daysUntilDue, missed.Max()) : null;
        }

        var overdue = calendar.WorkingDaysAfter(dueOn, today);
        var levels = new List<int> { 0 };
        for (var i = 0; i < EscalateAfterOverdueWorkingDays.Count && overdue >= EscalateAfterOverdueWorkingDays[i]; i++)
            levels.Add(i + 1);
        return new ReminderDue(levels, overdue, daysUntilDue);
    }
}

/// <summary>The schedules of one gate kind: for its area returns (team lead → BCM → SRO) and its approval requests (approver → next up).</summary>
public sealed record GateReminders(ReminderSchedule Returns, ReminderSchedule Approvals);

/// <summary>Reminder schedules per gate kind, from configuration ("Reminders"); a kind not configured uses the defaults.</summary>
public sealed class ReminderSettings(IReadOnlyDictionary<GateKind, GateReminders> byKind)
{
    public static readonly GateReminders Default = new(new ReminderSchedule([7, 3, 1], [2, 5]), new ReminderSchedule([2, 1], [2]));

    public GateReminders For(GateKind kind) => byKind.TryGetValue(kind, out var r) ? r : Default;
}
