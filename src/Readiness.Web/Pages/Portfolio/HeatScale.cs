using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>One step of the heatmap's colour scale: its CSS class, fill and text colours, and what it means.</summary>
public sealed record HeatStep(int Index, string Fill, string Text, string Words)
{
    private static readonly string[] Classes = [.. Enumerable.Range(0, 7).Select(i => $"app-heat-{i}")];

    public string Css => Classes[Index];
}

/// <summary>
/// The heatmap's sequential, colour-blind-safe scale (ColorBrewer YlGnBu, light to dark) by load ÷ tolerance: no load,
/// four steps below the "Near" fraction, Near, and Over. The page (wwwroot/css/site.css, classes app-heat-0…6) and the
/// Excel export use these same colours; the words (and each cell's value) carry the meaning, the colour repeats it.
/// </summary>
public static class HeatScale
{
    /// <param name="measure">What the scale is a share of: the heatmap's "tolerance", the training view's "capacity".</param>
    public static IReadOnlyList<HeatStep> Steps(decimal amberAt, string measure = "tolerance")
    {
        // A grid asks for its scale once per cell (1,040 on the heatmap), always with the same settings: the last scale
        // made is kept. It is one immutable object, so a request reads a whole scale or none (a tuple could be read
        // half-written by another request); two requests at once at worst make it twice.
        if (_last is { } last && last.AmberAt == amberAt && last.Measure == measure) return last.Steps;
        var steps = Make(amberAt, measure);
        _last = new LastScale(amberAt, measure, steps);
        return steps;
    }

    private sealed record LastScale(decimal AmberAt, string Measure, IReadOnlyList<HeatStep> Steps);

    private static LastScale? _last;

    private static IReadOnlyList<HeatStep> Make(decimal amberAt, string measure)
    {
        string Pct(decimal f) => (f * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";
        var q = amberAt / 4;
        return
        [
            new(0, "#FFFFFF", "#484949", "No change"),
            new(1, "#EDF8B1", "#0B0C0C", $"Up to {Pct(q)} of {measure}"),
            new(2, "#C7E9B4", "#0B0C0C", $"{Pct(q)} to {Pct(2 * q)}"),
            new(3, "#7FCDBB", "#0B0C0C", $"{Pct(2 * q)} to {Pct(3 * q)}"),
            new(4, "#41B6C4", "#0B0C0C", $"{Pct(3 * q)} to {Pct(amberAt)}"),
            new(5, "#225EA8", "#FFFFFF", $"Near: {Pct(amberAt)} to 100%"),
            new(6, "#0C2C84", "#FFFFFF", $"Over: above {measure}"),
        ];
    }

    /// <summary>The step of one cell: its band decides Near and Over; below Near, the fraction of tolerance picks one of four steps.</summary>
    public static HeatStep For(HeatCell cell, decimal amberAt)
    {
        var steps = Steps(amberAt);
        return cell.Band switch
        {
            HeatBand.None => steps[0],
            HeatBand.Over => steps[6],
            HeatBand.Near => steps[5],
            _ => steps[Math.Clamp((int)Math.Floor(cell.Load / cell.Tolerance / (amberAt / 4)) + 1, 1, 4)],
        };
    }
}
