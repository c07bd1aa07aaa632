namespace Readiness.Core.Reminders;

/// <summary>
/// Which days people work: Monday to Friday except bank holidays. Bank holidays come from configuration (the
/// PMO updates the list as gov.uk publishes it), so nothing here knows how Easter is computed.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _bankHolidays;

    public WorkingCalendar(IEnumerable<DateOnly> bankHolidays) => _bankHolidays = [.. bankHolidays];

    public IReadOnlyCollection<DateOnly> BankHolidays => _bankHolidays;

    public bool IsBankHoliday(DateOnly day) => _bankHolidays.Contains(day);

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_bankHolidays.Contains(day);

    /// <summary>The day itself when it is a working day, else the last working day before it.</summary>
    public DateOnly OnOrBefore(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(-1);
        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when to ≤ from).</summary>
    public int WorkingDaysAfter(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return count;
    }

    /// <summary>The working day <paramref name="days"/> working days after <paramref name="from"/> (from itself when 0).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var day = from;
        for (var left = days; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) left--;
        }
        return day;
    }

    /// <summary>
    /// Whether the list has any bank holiday in <paramref name="year"/>: a year with none almost certainly means the
    /// list needs updating, and reminders would then fall on bank holidays.
    /// </summary>
    public bool Covers(int year) => _bankHolidays.Any(d => d.Year == year);
}
