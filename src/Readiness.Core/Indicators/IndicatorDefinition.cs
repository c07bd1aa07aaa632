using System.Text.RegularExpressions;
using Readiness.Core.Common;

namespace Readiness.Core.Indicators;

/// <summary>What a lead indicator's definition must be, field by field.</summary>
/// <param name="Direction">Null when the given text was not a direction (the caller says so); the threshold order is then not checked.</param>
/// <param name="Source">Null when the given text was not a source; the URL rule is then not checked.</param>
public sealed record IndicatorDefinitionInput(
    string? Code, string? Name, string? Unit, IndicatorDirection? Direction, decimal? Baseline, decimal? AmberThreshold, decimal? RedThreshold,
    int? WatchWeeks, int? CheckEveryDays, int? ConsecutiveAmberForRed, IndicatorSource? Source, string? SourceUrl);

/// <summary>
/// The rules of a lead indicator's definition — one set for indicators.json and the PMO's page, so a definition the page
/// accepts would load from the file and the other way round. Problems name the field as the spec does ("AmberThreshold");
/// the seed reader turns them into JSON paths.
/// </summary>
public static partial class IndicatorDefinition
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,39}$")]
    private static partial Regex CodePattern();

    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    public static IEnumerable<FieldError> Problems(IndicatorDefinitionInput d)
    {
        if (!IsCode(d.Code)) yield return new("Code", $"'{d.Code}' is not a valid code: up to 40 capital letters, digits and hyphens.");
        if (string.IsNullOrWhiteSpace(d.Name)) yield return new("Name", "Give the indicator a name, e.g. '101 call answer time'.");
        else if (TextLimits.TooLong(d.Name, TextLimits.Name, "The name") is { } longName) yield return new("Name", longName);
        if (string.IsNullOrWhiteSpace(d.Unit)) yield return new("Unit", "Give the unit readings are in, e.g. 'seconds' or '%'.");
        else if (TextLimits.TooLong(d.Unit, 50, "The unit") is { } longUnit) yield return new("Unit", longUnit);
        if (d.Baseline is null) yield return new("Baseline", "Enter the baseline: the usual value before go-live.");
        if (d.AmberThreshold is null) yield return new("AmberThreshold", "Enter the value at which a reading turns Amber.");
        if (d.RedThreshold is null) yield return new("RedThreshold", "Enter the value at which a reading turns Red.");
        if (d is { Baseline: { } b, AmberThreshold: { } amber, RedThreshold: { } red })
        {
            if (d.Direction == IndicatorDirection.LowerIsBetter && !(b < amber && amber < red))
                yield return new("AmberThreshold", "Lower is better: the baseline must be below the amber threshold, and amber below red.");
            else if (d.Direction == IndicatorDirection.HigherIsBetter && !(b > amber && amber > red))
                yield return new("AmberThreshold", "Higher is better: the baseline must be above the amber threshold, and amber above red.");
        }
        if (d.WatchWeeks is null or < 1 or > 52) yield return new("WatchWeeks", "The watch window is 1 to 52 weeks after go-live.");
        if (d.CheckEveryDays is null or < 1 or > 31) yield return new("CheckEveryDays", "Readings are expected every 1 to 31 days.");
        if (d.ConsecutiveAmberForRed is < 0 or > 50)
            yield return new("ConsecutiveAmberForRed", "Use 1 to 50, or leave it out for the configured default (Indicators:ConsecutiveAmberForRed).");
        if (d.Source is { } source && source == IndicatorSource.Http != Uri.TryCreate(d.SourceUrl, UriKind.Absolute, out _))
            yield return new("SourceUrl", "An Http source needs an absolute sourceUrl, and only an Http source may have one.");
        else if (TextLimits.TooLong(d.SourceUrl, TextLimits.Link, "The source URL") is { } longUrl) yield return new("SourceUrl", longUrl);
    }
}
