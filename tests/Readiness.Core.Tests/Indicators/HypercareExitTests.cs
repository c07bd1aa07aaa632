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
}
