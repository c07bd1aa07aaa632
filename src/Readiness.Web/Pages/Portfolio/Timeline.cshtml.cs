using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>Releases on a month axis with their gates and dependencies: a server-drawn SVG and the same facts as a list.</summary>
[Authorize(Roles = $"{Roles.Pmo},{Roles.Sro},{Roles.Bcm}")]
public class TimelineModel(PortfolioTimeline timeline, PortfolioChoices choices) : PageModel
{
    public const int Width = 1000;
    public const int LabelWidth = 170;
    public const int RowHeight = 30;
    public const int AxisHeight = 40;

    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }

    /// <summary>The first month shown, "yyyy-MM" (default: six months before this one).</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Timeline Data { get; private set; } = null!;
    public ProgrammeOffer Programmes { get; private set; } = new([], 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var from = DateOnly.TryParseExact(From + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : (DateOnly?)null;
        Programmes = await choices.ProgrammesAsync(Programme, ct);
        Programme = Readiness.Web.Infrastructure.Choices.CodeOf(Programme, Programmes.Offered);
        Data = await timeline.ForAsync(Programme, from, PageNumber, ct);
    }

    /// <summary>This view moved by some months (the earlier / later links), or another page of it.</summary>
    public string ShiftUrl(int shiftMonths, int page = 1)
    {
        var query = new Dictionary<string, string?>
        {
            ["Programme"] = Programme, ["From"] = Data.From.AddMonths(shiftMonths).ToString("yyyy-MM", CultureInfo.InvariantCulture),
            ["p"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Portfolio/Timeline", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    public string PageUrl(int page) => ShiftUrl(0, page);

    public static string MonthWords(DateOnly m) => m.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    public int Height => AxisHeight + Data.Releases.Count * RowHeight + 10;

    private DateOnly AxisEnd => Data.LastMonth.AddMonths(1);

    /// <summary>The x position of a day on the axis.</summary>
    public double X(DateOnly day)
    {
        // A gate outside the window is drawn at its edge (the list below gives its date).
        if (day < Data.FirstMonth) day = Data.FirstMonth;
        if (day > AxisEnd) day = AxisEnd;
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
