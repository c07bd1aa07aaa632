using Readiness.Core.Portfolio;
using Readiness.Core.Reminders;

namespace Readiness.Core.Tests.Reminders;

/// <summary>The reminder schedule as a pure function, over a fixed calendar with the 2026 England and Wales bank holidays.</summary>
public sealed class ReminderScheduleTests
{
    private static readonly WorkingCalendar Calendar = new([
        new(2026, 1, 1), new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 4), new(2026, 5, 25), new(2026, 8, 31), new(2026, 12, 25), new(2026, 12, 28),
    ]);

    private static readonly ReminderSchedule Returns = new([7, 3, 1], [2, 5]);

    private static DateOnly D(int month, int day) => new(2026, month, day);

    /// <summary>Every day in the range on which the schedule notifies someone, with the levels notified.</summary>
    private static List<(DateOnly Day, string Levels)> Notices(ReminderSchedule schedule, DateOnly dueOn, DateOnly from, DateOnly to)
    {
        var result = new List<(DateOnly, string)>();
        for (var day = from; day <= to; day = day.AddDays(1))
            if (schedule.On(dueOn, day, Calendar) is { } due)
                result.Add((day, string.Join(",", due.Levels)));
        return result;
    }

    [Fact]
    public void A_return_due_on_Friday_10_April_is_reminded_the_day_before_Good_Friday_instead_of_on_it()
    {
        var notices = Notices(Returns, D(4, 10), D(3, 20), D(4, 10));

        // T-7 is Good Friday (3 Apr): sent Thursday 2 Apr. T-3 is Tuesday 7 Apr, T-1 Thursday 9 Apr. Nothing on the due day.
        Assert.Equal([(D(4, 2), "0"), (D(4, 7), "0"), (D(4, 9), "0")], notices);
    }

    [Fact]
    public void A_reminder_day_the_sweep_missed_is_caught_up_on_the_next_day_it_runs_and_only_then()
    {
        // Due Friday 10 Apr: reminders on Thu 2, Tue 7 and Thu 9 Apr. The sweep ran on Thu 2 Apr, then not until Wed 8 Apr.
        var caughtUp = Returns.On(D(4, 10), D(4, 8), Calendar, lastSweepDay: D(4, 2));

        Assert.Equal(new DateOnly?(D(4, 7)), caughtUp?.MissedDay);
        Assert.Equal([0], caughtUp!.Levels);
        // The sweep ran on Tue 7 Apr: nothing was missed, nothing is repeated on Wed 8 Apr.
        Assert.Null(Returns.On(D(4, 10), D(4, 8), Calendar, lastSweepDay: D(4, 7)));
        // No sweep ever ran: reminder days from before the system knew about the item are not caught up.
        Assert.Null(Returns.On(D(4, 10), D(4, 8), Calendar, lastSweepDay: null));
        // The scheduled T-1 reminder goes out as usual, not as a catch-up.
        Assert.Null(Returns.On(D(4, 10), D(4, 9), Calendar, lastSweepDay: D(4, 2))!.MissedDay);
    }

    [Fact]
    public void A_T_minus_1_reminder_missed_the_day_before_is_sent_on_the_due_day()
    {
        var dueDay = Returns.On(D(4, 10), D(4, 10), Calendar, lastSweepDay: D(4, 8));

        Assert.Equal((0, new DateOnly?(D(4, 9)), false), (dueDay!.DaysUntilDue, dueDay.MissedDay, dueDay.IsOverdue));
        Assert.Null(Returns.On(D(4, 10), D(4, 10), Calendar, lastSweepDay: D(4, 9)));
    }

    [Fact]
    public void Reminders_that_fall_on_a_weekend_or_bank_holiday_move_to_the_previous_working_day_and_are_sent_once()
    {
        // Due Tuesday 7 Apr: T-3 is Saturday 4 Apr and T-1 is Easter Monday; both go back to Thursday 2 Apr (Good Friday is off too).
        var notices = Notices(Returns, D(4, 7), D(3, 20), D(4, 7));

        Assert.Equal([(D(3, 31), "0"), (D(4, 2), "0")], notices);
    }

    [Fact]
    public void An_overdue_return_is_reminded_every_working_day_and_escalates_to_the_BCM_after_2_and_the_SRO_after_5_working_days()
    {
        // Due Friday 22 May; Monday 25 May is the Spring bank holiday, so the first overdue working day is Tuesday 26 May.
        var notices = Notices(Returns, D(5, 22), D(5, 23), D(6, 3));

        Assert.Equal([
            (D(5, 26), "0"),
            (D(5, 27), "0,1"),
            (D(5, 28), "0,1"),
            (D(5, 29), "0,1"),
            (D(6, 1), "0,1,2"),
            (D(6, 2), "0,1,2"),
            (D(6, 3), "0,1,2"),
        ], notices);
    }

    [Fact]
    public void Overdue_working_days_skip_weekends_and_bank_holidays()
    {
        var due = Returns.On(D(4, 2), D(4, 8), Calendar);

        // After Thursday 2 Apr: Good Friday, the weekend and Easter Monday are off; Tuesday 7 and Wednesday 8 count.
        Assert.NotNull(due);
        Assert.Equal(2, due.OverdueWorkingDays);
        Assert.True(due.IsOverdue);
        Assert.Equal(1, due.HighestLevel);
    }

    [Fact]
    public void Nobody_is_reminded_on_a_bank_holiday_even_when_the_item_is_overdue()
    {
        Assert.Null(Returns.On(D(5, 20), D(5, 25), Calendar));
        Assert.Null(Returns.On(D(5, 20), D(5, 23), Calendar));
    }

    [Fact]
    public void An_approval_request_reminds_its_approver_before_it_is_due_and_escalates_once_after_2_overdue_working_days()
    {
        var approvals = new ReminderSchedule([2, 1], [2]);

        // Due Monday 11 May: T-2 (Saturday) and T-1 (Sunday) both go back to Friday 8 May.
        var notices = Notices(approvals, D(5, 11), D(5, 1), D(5, 15));

        Assert.Equal([(D(5, 8), "0"), (D(5, 12), "0"), (D(5, 13), "0,1"), (D(5, 14), "0,1"), (D(5, 15), "0,1")], notices);
    }

    [Fact]
    public void Configured_days_before_replace_the_defaults()
    {
        var schedule = new ReminderSchedule([10], [3, 6]);

        var notices = Notices(schedule, D(6, 19), D(6, 1), D(6, 25));

        Assert.Equal([(D(6, 9), "0"), (D(6, 22), "0"), (D(6, 23), "0"), (D(6, 24), "0,1"), (D(6, 25), "0,1")], notices);
    }

    [Fact]
    public void A_kind_without_configuration_uses_the_default_schedule()
    {
        var settings = new ReminderSettings(new Dictionary<GateKind, GateReminders>());

        var schedule = settings.For(GateKind.Readiness).Returns;

        Assert.Equal([7, 3, 1], schedule.DaysBefore);
        Assert.Equal([2, 5], schedule.EscalateAfterOverdueWorkingDays);
    }
}
