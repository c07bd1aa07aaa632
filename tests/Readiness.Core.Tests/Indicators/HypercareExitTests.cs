using Readiness.Core.Indicators;

namespace Readiness.Core.Tests.Indicators;

public sealed class HypercareExitTests
{
    private static readonly DateOnly T0 = new(2026, 2, 9);
    private static readonly IndicatorRules Rules = new(IndicatorDirection.LowerIsBetter, 60, 90, 3, 6);

    private static ExitInput Indicator(string name, bool activeAlert, params decimal[] values) =>
        new(name, Rules, IndicatorEvaluation.Evaluate(Rules, T0, values.Select((v, i) => (T0.AddDays(i * 2), v))), activeAlert);

    [Fact]
    public void Exit_is_reached_when_every_indicator_has_its_last_k_readings_green()
    {
        var result = HypercareExit.Compute(true, T0, T0.AddDays(20), 3, [Indicator("A", false, 70, 50, 50, 50), Indicator("B", false, 40, 41, 42, 43, 44)]);

        Assert.Equal(T0.AddDays(8), result.ExitOn);
    }

    [Fact]
    public void An_amber_among_the_last_k_readings_means_not_yet()
    {
        var result = HypercareExit.Compute(true, T0, T0.AddDays(20), 3, [Indicator("A", false, 50, 70, 50, 50)]);

        Assert.Null(result.ExitOn);
        Assert.StartsWith("Not yet: A needs its last 3 readings green (has 2 in a row)", result.Words, StringComparison.Ordinal);
    }

    [Fact]
    public void An_active_alert_blocks_the_exit_even_after_the_window()
    {
        var result = HypercareExit.Compute(true, T0, T0.AddDays(100), 3, [Indicator("Call time", true, 50, 50, 50)]);

        Assert.Null(result.ExitOn);
        Assert.Contains("an alert is active on Call time", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_end_of_the_watch_window_is_an_exit_when_no_alert_is_active()
    {
        var result = HypercareExit.Compute(true, T0, T0.AddDays(60), 3, [Indicator("A", false, 70)]);

        Assert.Equal(T0.AddDays(42), result.ExitOn);
    }

    [Fact]
    public void A_release_not_yet_live_has_no_exit()
    {
        var result = HypercareExit.Compute(false, T0, T0, 3, [Indicator("A", false, 50, 50, 50)]);

        Assert.Equal("Not yet: the release has not gone live", result.Words);
    }

    private static ExitInput Watched(string name, int checkEveryDays, DateOnly today, params decimal[] values)
    {
        var input = Indicator(name, false, values);
        var late = ReadingLateness.Check(Rules, checkEveryDays, 1, T0, today, input.Verdict.Readings.Select(r => r.Date));
        return input with { Late = late };
    }

    [Fact]
    public void A_late_reading_blocks_the_green_readings_exit_while_the_window_is_open()
    {
        // Readings T0, T0+2, T0+4 are all green, but none since: with a reading due every 3 days, T0+9 is past the allowance.
        var today = T0.AddDays(9);

        var result = HypercareExit.Compute(true, T0, today, 3, [Watched("Call time", 3, today, 50, 50, 50), Watched("Queue", 7, today, 40, 40, 40)]);

        Assert.Null(result.ExitOn);
        Assert.Equal("Not yet: Call time has had no reading since Fri 13 Feb 2026 (expected every 3 days)", result.Words);
    }

    [Fact]
    public void Green_readings_still_on_schedule_reach_the_exit()
    {
        var today = T0.AddDays(8); // last reading T0+4, due T0+7, grace to T0+8: not late yet

        var result = HypercareExit.Compute(true, T0, today, 3, [Watched("Call time", 3, today, 50, 50, 50)]);

        Assert.Equal(T0.AddDays(4), result.ExitOn);
    }

    [Fact]
    public void Once_every_watch_window_has_ended_lateness_no_longer_matters()
    {
        var lateInWindow = ReadingLateness.Check(Rules, 3, 1, T0, Rules.WindowEnd(T0), [T0]);
        var input = Indicator("Call time", false, 50) with { Late = lateInWindow };

        var result = HypercareExit.Compute(true, T0, T0.AddDays(60), 3, [input]);

        Assert.Equal(T0.AddDays(42), result.ExitOn);
    }
}
