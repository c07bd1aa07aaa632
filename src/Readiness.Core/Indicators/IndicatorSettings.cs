namespace Readiness.Core.Indicators;

/// <summary>
/// Lead-indicator settings, bound from configuration ("Indicators") and validated at start by the infrastructure layer.
/// <see cref="ReadingGraceDays"/>: days allowed beyond an indicator's CheckEveryDays before its reading counts as late.
/// </summary>
public sealed record IndicatorSettings(int ConsecutiveAmberForRed, int GreenReadingsForExit, int MaxCsvRows, int ReadingGraceDays = 1);

/// <summary>One reading to import, with the row it came from (for messages).</summary>
public sealed record ReadingRow(int Row, DateOnly Date, decimal Value);

/// <summary>What an HTTP source returned: readings, or why the payload was refused (then nothing is imported).</summary>
public sealed record FeedResult(IReadOnlyList<ReadingRow> Readings, string? Error)
{
    public static FeedResult Fail(string error) => new([], error);
}

/// <summary>Fetches readings from an indicator's HTTP JSON endpoint (implemented in the infrastructure layer).</summary>
public interface IReadingFeed
{
    Task<FeedResult> FetchAsync(string url, string unit, CancellationToken ct);
}
