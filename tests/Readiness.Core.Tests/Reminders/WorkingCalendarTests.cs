using Readiness.Core.Reminders;

namespace Readiness.Core.Tests.Reminders;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = new([new(2026, 4, 3), new(2026, 4, 6)]);

    [Theory]
    [InlineData("2026-04-02", true)]
    [InlineData("2026-04-03", false)] // Good Friday
    [InlineData("2026-04-04", false)] // Saturday
    [InlineData("2026-04-05", false)] // Sunday
    [InlineData("2026-04-06", false)] // Easter Monday
    [InlineData("2026-04-07", true)]
    public void Weekends_and_configured_bank_holidays_are_not_working_days(string day, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_previous_working_day_of_Easter_Monday_is_the_Thursday_before_Good_Friday() =>
        Assert.Equal(new DateOnly(2026, 4, 2), Calendar.OnOrBefore(new DateOnly(2026, 4, 6)));

    [Fact]
    public void Counting_working_days_over_Easter_counts_only_the_Tuesday() =>
        Assert.Equal(1, Calendar.WorkingDaysAfter(new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 7)));

    [Fact]
    public void A_calendar_with_no_bank_holiday_in_a_year_does_not_cover_it()
    {
        Assert.True(Calendar.Covers(2026));
        Assert.False(Calendar.Covers(2027));
    }
}
