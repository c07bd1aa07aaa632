using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>The change heatmap: business areas × weeks of change load, against each area's tolerance.</summary>
[Authorize(Roles = $"{Roles.Pmo},{Roles.Sro},{Roles.Bcm}")]
public class HeatmapModel(HeatmapQueries heatmap) : AreaWeekPage("/Portfolio/Heatmap")
{
    public HeatmapView View { get; private set; } = null!;

    public IEnumerable<HeatRow> Rows => View.Rows.Where(r => Shown(r.Depth));

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await heatmap.GridAsync(From, ct);
        MaxDepth = View.Rows.Count == 0 ? 0 : View.Rows.Max(r => r.Depth);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var view = await heatmap.GridAsync(From, ct);
        return this.Download(HeatmapExports.Csv(view), Downloads.Csv, $"heatmap-{view.Weeks[0]:yyyy-MM-dd}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        var view = await heatmap.GridAsync(From, ct);
        return this.Download(HeatmapExports.Excel(view), Downloads.Excel, $"heatmap-{view.Weeks[0]:yyyy-MM-dd}.xlsx");
    }

    /// <summary>
    /// A row's cells as one piece of HTML, each a link to the releases that make it up. Written here rather than by a
    /// Razor loop: 1,040 cells were some 15,000 writes into Razor's view buffer, whose pages (rented 256 writes at a time)
    /// took a fifth of the page's time in a trace. The piece is written when the page is flushed, so the grid's HTML
    /// is never held as strings. One line a cell with no whitespace between, and no per-cell hidden
    /// words: a screen reader gives each cell its row and column headers (th scope) as the link's context (WCAG 2.4.4).
    /// The link is <see cref="CellLink"/>'s, written in parts with the week and area strings made once.
    /// </summary>
    public IHtmlContent Cells(HeatRow row, IReadOnlyDictionary<DateOnly, string> weekValues) => new RowCells(row, weekValues, View.AmberAt);

    private sealed class RowCells(HeatRow row, IReadOnlyDictionary<DateOnly, string> weekValues, decimal amberAt) : IHtmlContent
    {
        // The row is put together in a builder kept per thread (WriteTo runs synchronously, start to end, on one) and
        // handed to the writer in its chunks: a write per piece straight to the response cost more than the buffer.
        [ThreadStatic] private static StringBuilder? _row;

        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var html = _row ??= new StringBuilder(8 * 1024);
            html.Clear();
            var area = encoder.Encode(row.Code);
            var areaQuery = encoder.Encode(Uri.EscapeDataString(row.Code));
            foreach (var cell in row.Cells)
            {
                var step = HeatScale.For(cell, amberAt);
                var week = weekValues[cell.Week];
                html.Append("<td class=\"").Append(step.Css).Append("\" data-area=\"").Append(area).Append("\" data-week=\"").Append(week)
                    .Append("\" data-load=\"").Append(LoadValue(cell.Load)).Append("\" data-step=\"").Append(step.Index)
                    .Append("\"><a href=\"/Portfolio/Heatmap/Cell?area=").Append(areaQuery).Append("&amp;week=").Append(week).Append("\">")
                    .Append(encoder.Encode(Hours(cell.Load)));
                if (BandWords(cell.Band) is { Length: > 0 } words) html.Append("<b> ").Append(words).Append("</b>");
                html.Append("</a></td>");
            }
            writer.Write(html);
        }
    }

    public static string CellLink(string area, DateOnly week) => $"/Portfolio/Heatmap/Cell?area={Uri.EscapeDataString(area)}&week={week:yyyy-MM-dd}";

    public static string Hours(decimal value) => value == 0 ? "0" : value.ToString("#,0", EnGb);

    /// <summary>A cell's load as its data attribute carries it. Most cells of a grid are empty weeks: they share one string.</summary>
    public static string LoadValue(decimal value) => value == 0 ? "0" : value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The grid's weeks as its cells' data attributes and links carry them: made once a page, not once a cell.</summary>
    public IReadOnlyDictionary<DateOnly, string> WeekValues() => View.Weeks.ToDictionary(w => w, w => w.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    private static readonly System.Globalization.CultureInfo EnGb = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The word a cell keeps beside its shade: "Over" or "Near" its tolerance, or nothing.</summary>
    public static string BandWords(HeatBand band) => band switch
    {
        HeatBand.Over => "Over",
        HeatBand.Near => "Near",
        _ => "",
    };
}
