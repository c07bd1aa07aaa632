using Readiness.Core.Common;

namespace Readiness.Core.Indicators;

/// <summary>When a release may leave hypercare: <see cref="ExitOn"/>, or null with the <see cref="Reason"/> it cannot yet.</summary>
public sealed record HypercareExitResult(DateOnly? ExitOn, string Reason)
{
    public string Words => ExitOn is { } d ? $"Exit reached on {ReadingLate.Date(d)}: {Reason}" : $"Not yet: {Reason}";
}

/// <summary>An indicator as the hypercare-exit rule sees it; <see cref="Late"/> when its reading is overdue today (see <see cref="ReadingLateness"/>).</summary>
public sealed record ExitInput(string Name, IndicatorRules Rules, IndicatorVerdict Verdict, bool HasActiveAlert, ReadingLate? Late = null);

/// <summary>
/// Pure rule. A live release leaves hypercare when no alert is active and either every indicator's last K in-window
/// readings are Green (exit on the latest of the days those runs were completed), or every watch window has ended
/// (exit on the last window's end). While its watch window is open, an indicator whose reading is late blocks the
/// green-readings exit: its last K readings may be green, but they say nothing about the days since (stale evidence).
/// </summary>
public static class HypercareExit
{
    public static HypercareExitResult Compute(bool isLive, DateOnly goLive, DateOnly today, int greenReadingsNeeded, IReadOnlyList<ExitInput> indicators)
    {
        if (!isLive) return new(null, "the release has not gone live");
        if (indicators.Count == 0) return new(null, "the release has no lead indicators to judge it by");
        var active = indicators.Where(i => i.HasActiveAlert).Select(i => i.Name).ToList();
        if (active.Count > 0) return new(null, $"an alert is active on {string.Join(", ", active)}");

        var windowsEnd = indicators.Max(i => i.Rules.WindowEnd(goLive));
        if (today > windowsEnd) return new(windowsEnd, "every watch window has ended with no alert active");

        var stale = indicators.Where(i => i.Late is not null && i.Rules.InWindow(today, goLive)).Select(i => i.Late!.Reason(i.Name)).ToList();
        if (stale.Count > 0) return new(null, string.Join("; ", stale));

        var exitDays = new List<DateOnly>();
        foreach (var i in indicators)
        {
            var inWindow = i.Verdict.Readings.Where(r => r.InWindow).ToList();
            var lastK = inWindow.TakeLast(greenReadingsNeeded).ToList();
            var greens = inWindow.AsEnumerable().Reverse().TakeWhile(r => r.Rag == Rag.Green).Count();
            if (lastK.Count < greenReadingsNeeded || lastK.Any(r => r.Rag != Rag.Green))
                return new(null, $"{i.Name} needs its last {greenReadingsNeeded} readings green (has {Math.Min(greens, greenReadingsNeeded)} in a row)");
            exitDays.Add(lastK[^1].Date);
        }
        return new(exitDays.Max(), $"every indicator's last {greenReadingsNeeded} readings are green and no alert is active");
    }
}
