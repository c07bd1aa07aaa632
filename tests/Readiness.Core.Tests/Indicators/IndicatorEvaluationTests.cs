using Readiness.Core.Common;
using Readiness.Core.Indicators;

namespace Readiness.Core.Tests.Indicators;

public sealed class IndicatorEvaluationTests
{
    private static readonly DateOnly T0 = new(2026, 2, 9);
    private static readonly IndicatorRules LowerBetter = new(IndicatorDirection.LowerIsBetter, 60, 90, 3, 6);
    private static readonly IndicatorRules HigherBetter = new(IndicatorDirection.HigherIsBetter, 88, 85, 3, 6);

    private static IEnumerable<(DateOnly, decimal)> Days(params decimal[] values) => values.Select((v, i) => (T0.AddDays(i), v));

    [Theory]
    [InlineData(59.99, Rag.Green)]
    [InlineData(60, Rag.Amber)]
    [InlineData(89.99, Rag.Amber)]
    [InlineData(90, Rag.Red)]
    [InlineData(120, Rag.Red)]
    public void Lower_is_better_turns_amber_and_red_at_the_thresholds(decimal value, Rag expected) =>
        Assert.Equal(expected, IndicatorEvaluation.Classify(IndicatorDirection.LowerIsBetter, 60, 90, value));

    [Theory]
    [InlineData(88.01, Rag.Green)]
    [InlineData(88, Rag.Amber)]
    [InlineData(85.01, Rag.Amber)]
    [InlineData(85, Rag.Red)]
    [InlineData(70, Rag.Red)]
    public void Higher_is_better_turns_amber_and_red_at_the_thresholds(decimal value, Rag expected) =>
        Assert.Equal(expected, IndicatorEvaluation.Classify(IndicatorDirection.HigherIsBetter, 88, 85, value));

    [Fact]
    public void The_same_value_reads_opposite_ways_in_the_two_directions()
    {
        Assert.Equal(Rag.Red, IndicatorEvaluation.Classify(IndicatorDirection.LowerIsBetter, 60, 90, 95));
        Assert.Equal(Rag.Green, IndicatorEvaluation.Classify(IndicatorDirection.HigherIsBetter, 88, 85, 95));
    }

    [Fact]
    public void N_consecutive_amber_readings_count_as_red()
    {
        var verdict = IndicatorEvaluation.Evaluate(LowerBetter, T0, Days(50, 65, 66, 67));

        Assert.Equal([Rag.Green, Rag.Amber, Rag.Amber, Rag.Red], verdict.Readings.Select(r => r.Rag));
        Assert.Equal(Rag.Amber, verdict.Latest!.Raw);
        Assert.Contains("3 amber readings in a row", verdict.Latest.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_green_reading_breaks_the_amber_run()
    {
        var verdict = IndicatorEvaluation.Evaluate(LowerBetter, T0, Days(65, 66, 50, 67, 68));

        Assert.Equal(Rag.Amber, verdict.Latest!.Rag);
        Assert.True(verdict.IsBreach);
    }

    [Fact]
    public void Readings_outside_the_watch_window_are_ignored()
    {
        var readings = new[] { (T0.AddDays(-3), 200m), (T0.AddDays(10), 40m), (T0.AddDays(6 * 7), 41m), (T0.AddDays(6 * 7 + 1), 300m) };

        var verdict = IndicatorEvaluation.Evaluate(LowerBetter, T0, readings);

        Assert.Equal(T0.AddDays(42), verdict.Latest!.Date);
        Assert.Equal(Rag.Green, verdict.Latest.Rag);
        Assert.False(verdict.IsBreach);
        Assert.Equal(2, verdict.Readings.Count(r => !r.InWindow));
    }

    [Fact]
    public void Ambers_before_the_window_do_not_start_a_run()
    {
        var readings = new[] { (T0.AddDays(-2), 70m), (T0.AddDays(-1), 70m), (T0, 70m) };

        Assert.Equal(Rag.Amber, IndicatorEvaluation.Evaluate(LowerBetter, T0, readings).Latest!.Rag);
    }

    [Fact]
    public void No_reading_in_the_window_is_no_breach()
    {
        var verdict = IndicatorEvaluation.Evaluate(HigherBetter, T0, [(T0.AddDays(-1), 10m)]);

        Assert.Null(verdict.Latest);
        Assert.False(verdict.IsBreach);
    }
}
