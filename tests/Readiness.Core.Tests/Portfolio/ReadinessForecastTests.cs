using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Readiness.Core.Common;
using Readiness.Core.Portfolio;
using Readiness.Core.Reminders;

namespace Readiness.Core.Tests.Portfolio;

/// <summary>
/// The readiness forecast on known burn-ups, with a fake clock at Monday 7 Dec 2026. The window is the 10 working days
/// ending today (Tue 24 Nov to Mon 7 Dec); a gate due Fri 18 Dec has 9 working days left after today.
/// </summary>
public sealed class ReadinessForecastTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly DateOnly Due = new(2026, 12, 18);
    private static readonly DateOnly[] BankHolidays = [new(2026, 12, 25), new(2026, 12, 28)];

    private static ForecastModel Model(DateOnly today, int window = 10, int flagFrom = 14)
    {
        var clock = new ReadinessClock(new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero)),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        return new ForecastModel(clock, new WorkingCalendar(BankHolidays), Options.Create(new ForecastOptions { WindowWorkingDays = window, FlagFromDays = flagFrom }));
    }

    /// <summary>A burn-up: <paramref name="recent"/> of the days fall inside the window (Today), the rest well before it.</summary>
    private static List<DateOnly> Days(int count, int recent) =>
        [.. Enumerable.Range(0, count).Select(i => i < recent ? Today.AddDays(-i % 10) : new DateOnly(2026, 11, 2))];

    private static ReturnActivity Activity(int total, int submitted, int submittedRecently, int approved, int approvedRecently) =>
        new(total, Days(submitted, submittedRecently), Days(approved, approvedRecently));

    [Fact]
    public void The_window_is_the_last_N_working_days_ending_today_and_the_days_left_are_working_days()
    {
        var model = Model(Today);

        Assert.Equal(new DateOnly(2026, 11, 24), model.WindowStart(Today));
        Assert.Equal(9, model.For(1, Due, Activity(15, 0, 0, 0, 0)).WorkingDaysLeft);
    }

    [Fact]
    public void A_gate_approving_fast_enough_is_on_track_and_not_flagged()
    {
        // 8 approvals in 10 working days: 0.8 a day × 9 days = 7.2 more on top of 8 — every one of the 15.
        var forecast = Model(Today).For(1, Due, Activity(15, 12, 10, 8, 8));

        Assert.Equal((15, 15, ForecastOutcome.OnTrack, false), (forecast.Expected, forecast.Total, forecast.Outcome, forecast.Flagged));
    }

    [Fact]
    public void A_gate_approving_too_slowly_is_forecast_short_and_flagged_inside_fourteen_days()
    {
        // 6 approvals in the window: 6 + 0.6 × 9 = 11.4, so 11 of 15 by Fri 18 Dec.
        var forecast = Model(Today).For(1, Due, Activity(15, 12, 8, 6, 6));

        Assert.Equal((11, 4, ForecastOutcome.FallsShort, true), (forecast.Expected, forecast.ShortBy, forecast.Outcome, forecast.Flagged));
        Assert.Equal(0.6m, forecast.ApprovedPerDay);
    }

    [Theory]
    [InlineData(14, true)]
    [InlineData(15, false)]
    public void A_short_gate_is_flagged_from_fourteen_days_before_its_due_date(int daysAhead, bool flagged)
    {
        var forecast = Model(Today).For(1, Today.AddDays(daysAhead), Activity(15, 2, 1, 0, 0));

        Assert.Equal(ForecastOutcome.FallsShort, forecast.Outcome);
        Assert.Equal(flagged, forecast.Flagged);
    }

    [Fact]
    public void Approvals_cannot_outrun_submissions()
    {
        // Approving 0.4 a day would reach 7.6, but only 5 + 0.2 × 9 = 6.8 returns will have been submitted.
        var forecast = Model(Today).For(1, Due, Activity(10, 5, 2, 4, 4));

        Assert.Equal(6.8m, forecast.ExpectedSubmitted);
        Assert.Equal(6, forecast.Expected);
    }

    [Fact]
    public void With_nothing_submitted_or_approved_in_the_window_the_count_of_today_stands_and_the_gate_is_flagged()
    {
        var forecast = Model(Today).For(1, Due, Activity(15, 3, 0, 1, 0));

        Assert.Equal((ForecastOutcome.NoData, 1, true), (forecast.Outcome, forecast.Expected, forecast.Flagged));
    }

    [Fact]
    public void A_gate_with_no_returns_moving_and_no_history_forecasts_none()
    {
        var forecast = Model(Today).For(1, Due, Activity(15, 0, 0, 0, 0));

        Assert.Equal((ForecastOutcome.NoData, 0, 15), (forecast.Outcome, forecast.Expected, forecast.ShortBy));
    }

    [Fact]
    public void Bank_holidays_and_weekends_are_not_counted_as_days_left()
    {
        var monday = new DateOnly(2026, 12, 21);

        // Tue 22, Wed 23, Thu 24 Dec, then (Christmas, the weekend and the Boxing Day substitute off) Tue 29 Dec.
        Assert.Equal(4, Model(monday).For(1, new DateOnly(2026, 12, 29), Activity(5, 0, 0, 0, 0)).WorkingDaysLeft);
    }

    [Fact]
    public void The_forecast_line_runs_from_the_count_of_today_to_the_expected_count_on_the_due_date()
    {
        var model = Model(Today);
        var forecast = model.For(1, Due, Activity(15, 12, 8, 6, 6));

        var line = model.Line(forecast);

        Assert.Equal((Today, 6m), line[0]);
        Assert.Equal((Due, forecast.ExpectedApproved), line[^1]);
        Assert.Equal(line[^2].Approved, line[^1].Approved - 0.6m); // Thu 17 Dec: one working day less
    }
}
