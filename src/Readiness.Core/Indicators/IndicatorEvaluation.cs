using Readiness.Core.Common;

namespace Readiness.Core.Indicators;

/// <summary>The rules an indicator is judged by: thresholds in its direction, the trend rule and its watch window.</summary>
public sealed record IndicatorRules(IndicatorDirection Direction, decimal AmberThreshold, decimal RedThreshold, int ConsecutiveAmberForRed, int WatchWeeks)
{
    public static IndicatorRules For(LeadIndicator i, int defaultConsecutiveAmber) =>
        new(i.Direction, i.AmberThreshold, i.RedThreshold, i.ConsecutiveAmberForRed > 0 ? i.ConsecutiveAmberForRed : defaultConsecutiveAmber, i.WatchWeeks);

    /// <summary>The last day of the watch window: T0 + watch weeks (inclusive).</summary>
    public DateOnly WindowEnd(DateOnly goLive) => goLive.AddDays(7 * WatchWeeks);

    public bool InWindow(DateOnly date, DateOnly goLive) => date >= goLive && date <= WindowEnd(goLive);
}

/// <summary>One reading with its RAG: <see cref="Raw"/> from the thresholds alone, <see cref="Rag"/> after the trend rule.</summary>
public sealed record RatedReading(DateOnly Date, decimal Value, Rag Raw, Rag Rag, bool InWindow, string Why);

/// <summary>The verdict on an indicator: the newest in-window reading's RAG and why (null when it has none yet).</summary>
public sealed record IndicatorVerdict(IReadOnlyList<RatedReading> Readings, RatedReading? Latest)
{
    public bool IsBreach => Latest is { Rag: not Rag.Green };
}

/// <summary>
/// Pure rules (no I/O, no clock). A reading <i>at</i> a threshold already has that colour ("the value at which a reading
/// turns Amber"). Lower-is-better: value ≥ red ⇒ Red, value ≥ amber ⇒ Amber. Higher-is-better: value ≤ red ⇒ Red,
/// value ≤ amber ⇒ Amber. Trend: the N-th Amber (or worse) reading in a row counts as Red. Only readings inside the
/// watch window (T0 .. T0 + watch weeks, both days included) count; the others are rated but marked outside.
/// </summary>
public static class IndicatorEvaluation
{
    public static Rag Classify(IndicatorDirection direction, decimal amber, decimal red, decimal value) => direction switch
    {
        IndicatorDirection.LowerIsBetter => value >= red ? Rag.Red : value >= amber ? Rag.Amber : Rag.Green,
        _ => value <= red ? Rag.Red : value <= amber ? Rag.Amber : Rag.Green,
    };

    public static IndicatorVerdict Evaluate(IndicatorRules rules, DateOnly goLive, IEnumerable<(DateOnly Date, decimal Value)> readings)
    {
        var rated = new List<RatedReading>();
        var streak = 0;
        foreach (var (date, value) in readings.OrderBy(r => r.Date))
        {
            var raw = Classify(rules.Direction, rules.AmberThreshold, rules.RedThreshold, value);
            var inWindow = rules.InWindow(date, goLive);
            if (!inWindow)
            {
                rated.Add(new RatedReading(date, value, raw, raw, false, "Outside the watch window: not counted"));
                continue;
            }
            streak = raw == Rag.Green ? 0 : streak + 1;
            var (rag, why) = raw switch
            {
                Rag.Red => (Rag.Red, $"At or beyond the red threshold ({rules.RedThreshold:0.##})"),
                Rag.Amber when rules.ConsecutiveAmberForRed > 0 && streak >= rules.ConsecutiveAmberForRed =>
                    (Rag.Red, $"{streak} amber readings in a row (trend rule: {rules.ConsecutiveAmberForRed} count as red)"),
                Rag.Amber => (Rag.Amber, $"At or beyond the amber threshold ({rules.AmberThreshold:0.##})"),
                _ => (Rag.Green, "Inside thresholds"),
            };
            rated.Add(new RatedReading(date, value, raw, rag, true, why));
        }
        return new IndicatorVerdict(rated, rated.LastOrDefault(r => r.InWindow));
    }
}
