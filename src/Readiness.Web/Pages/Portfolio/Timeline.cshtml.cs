using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>Releases on a month axis with their gates and dependencies: a server-drawn SVG and the same facts as a list.</summary>
[Authorize(Roles = $"{Roles.Pmo},{Roles.Sro},{Roles.Bcm}")]
public class TimelineModel(PortfolioTimeline timeline, GateTracker tracker) : PageModel
{
    public const int Width = 1000;
    public const int LabelWidth = 170;
    public const int RowHeight = 30;
    public const int AxisHeight = 40;

    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }

    public Timeline Data { get; private set; } = null!;
    public IReadOnlyList<PortfolioChoice> Programmes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Data = await timeline.ForAsync(Programme, ct);
        Programmes = (await tracker.ChoicesAsync(ct)).Programmes;
    }

    public int Height => AxisHeight + Data.Releases.Count * RowHeight + 10;

    private DateOnly AxisEnd => Data.LastMonth.AddMonths(1);

    /// <summary>The x position of a day on the axis.</summary>
    public double X(DateOnly day)
    {
        var total = AxisEnd.DayNumber - Data.FirstMonth.DayNumber;
        return LabelWidth + (Width - LabelWidth - 10) * (double)(day.DayNumber - Data.FirstMonth.DayNumber) / Math.Max(1, total);
    }

    public double Y(int row) => AxisHeight + row * RowHeight + RowHeight / 2.0;

    public IEnumerable<DateOnly> Months()
    {
        for (var m = Data.FirstMonth; m < AxisEnd; m = m.AddMonths(1)) yield return m;
    }

    public int RowOf(string code)
    {
        for (var i = 0; i < Data.Releases.Count; i++)
            if (Data.Releases[i].Code == code) return i;
        return -1;
    }

    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A shape per gate kind, so gates are told apart without colour.</summary>
    public static string Marker(GateKind kind, double x, double y) => kind switch
    {
        GateKind.Readiness => $"<circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"5\" class=\"tl-gate tl-readiness\" />",
        GateKind.GoNoGo => $"<rect x=\"{F(x - 5)}\" y=\"{F(y - 5)}\" width=\"10\" height=\"10\" class=\"tl-gate tl-gonogo\" />",
        _ => $"<polygon points=\"{F(x)},{F(y - 6)} {F(x + 6)},{F(y + 5)} {F(x - 6)},{F(y + 5)}\" class=\"tl-gate tl-review\" />",
    };

    public static string Diamond(double x, double y) =>
        $"<polygon points=\"{F(x)},{F(y - 8)} {F(x + 8)},{F(y)} {F(x)},{F(y + 8)} {F(x - 8)},{F(y)}\" class=\"tl-golive\" />";

    public static string MonthLabel(DateOnly m) => m.ToString(m.Month == 1 ? "MMM yyyy" : "MMM", CultureInfo.GetCultureInfo("en-GB"));
}
