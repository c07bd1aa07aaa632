using Microsoft.Extensions.Time.Testing;
using Readiness.Core.Common;
using Readiness.Core.Indicators;

namespace Readiness.Core.Tests.Indicators;

public sealed class ReadingLatenessTests
{
    private static readonly DateOnly T0 = new(2026, 3, 2);
    private static readonly IndicatorRules Rules = new(IndicatorDirection.LowerIsBetter, 60, 90, 3, 6);
    private const int Every = 7;
    private const int Grace = 1;

    private static ReadingLate? Check(DateOnly today, params DateOnly[] readings) => ReadingLateness.Check(Rules, Every, Grace, T0, today, readings);

    [Fact]
    public void Before_go_live_nothing_is_late()
    {
        Assert.Null(Check(T0.AddDays(-10), T0.AddDays(-30)));
    }

    [Fact]
    public void A_reading_just_inside_the_allowance_is_not_late()
    {
        // Last reading T0+7; due T0+14; the one grace day runs to T0+15 inclusive.
        Assert.Null(Check(T0.AddDays(15), T0, T0.AddDays(7)));
    }

    [Fact]
    public void One_day_past_the_allowance_is_late_with_the_expected_date_and_days_since()
    {
        var late = Check(T0.AddDays(16), T0, T0.AddDays(7));

        Assert.NotNull(late);
        Assert.Equal((T0.AddDays(7), T0.AddDays(14), 9), (late.LastReading, late.ExpectedBy, late.DaysSince));
        Assert.Equal("Reading late — last reading 9 days ago; expected by Mon 16 Mar 2026", late.Words);
    }

    [Fact]
    public void No_reading_since_go_live_is_late_from_go_live_plus_the_allowance()
    {
        Assert.Null(Check(T0.AddDays(8)));

        var late = Check(T0.AddDays(9), T0.AddDays(-3)); // a baseline reading before go-live is not evidence after it

        Assert.NotNull(late);
        Assert.Equal((null, T0, T0.AddDays(7), 9), (late.LastReading, late.Since, late.ExpectedBy, late.DaysSince));
        Assert.Equal("Reading late — no reading since go-live 9 days ago; expected by Mon 9 Mar 2026", late.Words);
    }

    [Fact]
    public void After_the_watch_window_has_ended_nothing_is_late()
    {
        // The window is T0 .. T0+42 inclusive: late on its last day, monitoring over the day after.
        Assert.NotNull(Check(Rules.WindowEnd(T0), T0));
        Assert.Null(Check(Rules.WindowEnd(T0).AddDays(1), T0));
    }

    [Fact]
    public void A_grace_of_zero_makes_the_day_after_the_expected_date_late()
    {
        Assert.Null(ReadingLateness.Check(Rules, Every, 0, T0, T0.AddDays(14), [T0.AddDays(7)]));
        Assert.NotNull(ReadingLateness.Check(Rules, Every, 0, T0, T0.AddDays(15), [T0.AddDays(7)]));
    }

    [Fact]
    public void Days_are_calendar_days_in_london_not_utc()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        // 23:30 UTC on 31 Mar 2026 is 00:30 on 1 Apr in London (BST): already the first late day for a reading due 30 Mar.
        var today = new ReadinessClock(new FakeTimeProvider(new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero)), london).Today;
        var lastReading = new DateOnly(2026, 3, 23);

        var late = ReadingLateness.Check(Rules, Every, Grace, T0, today, [lastReading]);

        Assert.Equal(new DateOnly(2026, 4, 1), today);
        Assert.NotNull(late);
        Assert.Equal((new DateOnly(2026, 3, 30), 9), (late.ExpectedBy, late.DaysSince));
    }

    [Fact]
    public void The_reason_names_the_last_reading_and_the_schedule()
    {
        var late = Check(T0.AddDays(16), T0.AddDays(7))!;

        Assert.Equal("Call time has had no reading since Mon 9 Mar 2026 (expected every 7 days)", late.Reason("Call time"));
    }
}
