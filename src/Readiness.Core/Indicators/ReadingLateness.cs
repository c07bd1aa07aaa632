using System.Globalization;

namespace Readiness.Core.Indicators;

/// <summary>
/// An indicator whose next reading is overdue. <see cref="Since"/> is the newest reading on or after go-live, or go-live
/// itself when none has arrived (<see cref="LastReading"/> is then null); <see cref="ExpectedBy"/> is the day the next
/// reading was due (before the grace days), and also names the lateness episode: only a new reading moves it.
/// </summary>
public sealed record ReadingLate(DateOnly? LastReading, DateOnly Since, DateOnly ExpectedBy, int DaysSince, int CheckEveryDays)
{
    /// <summary>The badge text on the release and indicator pages (the words carry the meaning, not the colour).</summary>
    public string Words => LastReading is not null
        ? $"Reading late — last reading {Days(DaysSince)} ago; expected by {Date(ExpectedBy)}"
        : $"Reading late — no reading since go-live {Days(DaysSince)} ago; expected by {Date(ExpectedBy)}";

    /// <summary>Why stale evidence blocks the hypercare exit, e.g. "Call time has had no reading since Tue 3 Mar 2026 (expected every 3 days)".</summary>
    public string Reason(string indicatorName) => LastReading is { } last
        ? $"{indicatorName} has had no reading since {Date(last)} ({Every})"
        : $"{indicatorName} has had no reading since go-live on {Date(Since)} ({Every})";

    public string Every => CheckEveryDays == 1 ? "expected every day" : $"expected every {CheckEveryDays} days";

    /// <summary>"Thu 17 Dec 2026", as every date reads.</summary>
    public static string Date(DateOnly d) => d.ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static string Days(int n) => n == 1 ? "1 day" : $"{n} days";
}

/// <summary>
/// Pure rule (no I/O, no clock): is an indicator's reading late today? Dates are calendar days in the app's time zone
/// (Europe/London), as <see cref="Common.ReadinessClock.Today"/> gives them. Only inside the watch window: before
/// go-live nothing is due yet, and once the window has ended monitoring is over. The next reading is expected
/// <c>CheckEveryDays</c> after the newest one (or after go-live when none has arrived); it is late once
/// <paramref name="graceDays"/> more days have passed, so a reading a day behind an exact rota does not cry wolf.
/// </summary>
public static class ReadingLateness
{
    public static ReadingLate? Check(IndicatorRules rules, int checkEveryDays, int graceDays, DateOnly goLive, DateOnly today, IEnumerable<DateOnly> readingDates)
    {
        if (checkEveryDays < 1 || !rules.InWindow(today, goLive)) return null;
        // Readings before go-live are the baseline, not evidence about the live service.
        var newest = readingDates.Where(d => d >= goLive).DefaultIfEmpty().Max();
        DateOnly? last = newest >= goLive ? newest : null;
        var since = last ?? goLive;
        var expectedBy = since.AddDays(checkEveryDays);
        if (today.DayNumber <= expectedBy.DayNumber + Math.Max(0, graceDays)) return null;
        return new ReadingLate(last, since, expectedBy, today.DayNumber - since.DayNumber, checkEveryDays);
    }
}
