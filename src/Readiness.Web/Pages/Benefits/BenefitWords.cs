using System.Globalization;
using System.Text.Json;
using Readiness.Core.Benefits;

namespace Readiness.Web.Pages.Benefits;

/// <summary>How benefits read on the page (statuses in words with a shape, values with their unit) and the chart's data for wwwroot/js/benefits.js.</summary>
public static class BenefitWords
{
    public static string Kind(BenefitKind k) => k switch { BenefitKind.NonCashable => "Non-cashable", _ => k.ToString() };

    /// <summary>The Design System tag colour and a shape, so the status never rests on colour alone.</summary>
    public static (string Colour, string Mark) Look(BenefitStatus s) => s switch
    {
        BenefitStatus.OnTrack => ("green", "●"),
        BenefitStatus.AtRisk => ("yellow", "▲"),
        BenefitStatus.OffTrack => ("red", "■"),
        _ => ("grey", "–"),
    };

    public static string Value(decimal? v, string unit) => v is not { } d ? "–" : unit switch
    {
        BenefitRules.Pounds => "£" + d.ToString("#,0", CultureInfo.InvariantCulture),
        "%" => d.ToString("#,0.#", CultureInfo.InvariantCulture) + "%",
        "" => d.ToString("#,0.##", CultureInfo.InvariantCulture),
        _ => $"{d.ToString("#,0.##", CultureInfo.InvariantCulture)} {unit}",
    };

    public static string Money(decimal? v) => v is { } d ? "£" + d.ToString("#,0", CultureInfo.InvariantCulture) : "not measured yet";

    /// <summary>The chart's data as JSON for the canvas's data-benefit-chart attribute (Razor encodes it for the attribute).</summary>
    public static string ChartJson(BenefitView b) => JsonSerializer.Serialize(new
    {
        name = b.Name,
        unit = b.Unit,
        baseline = b.Baseline,
        target = b.Target,
        profile = b.Profile.Select(p => new { date = Day(p.Date), value = p.Expected }),
        actuals = b.Actuals.Select(a => new { date = Day(a.Date), value = a.Value }),
    });

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
