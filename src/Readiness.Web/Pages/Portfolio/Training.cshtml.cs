using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>Training need against training capacity: business areas × weeks, on the heatmap's scale (need ÷ capacity available).</summary>
[Authorize(Roles = $"{Roles.Pmo},{Roles.Sro},{Roles.Bcm}")]
public class TrainingModel(TrainingQueries training) : AreaWeekPage("/Portfolio/Training")
{
    public TrainingView View { get; private set; } = null!;

    public IEnumerable<TrainingRow> Rows => View.Rows.Where(r => Shown(r.Depth));

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await training.GridAsync(From, ct);
        MaxDepth = View.Rows.Count == 0 ? 0 : View.Rows.Max(r => r.Depth);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var view = await training.GridAsync(From, ct);
        return this.Download(TrainingExports.Csv(view), Downloads.Csv, $"training-{view.Weeks[0]:yyyy-MM-dd}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        var view = await training.GridAsync(From, ct);
        return this.Download(TrainingExports.Excel(view), Downloads.Excel, $"training-{view.Weeks[0]:yyyy-MM-dd}.xlsx");
    }

    public static string CellLink(string area, DateOnly week) => $"/Portfolio/Training/Cell?area={Uri.EscapeDataString(area)}&week={week:yyyy-MM-dd}";
}

/// <summary>How a training cell reads: the heatmap's colour step by need ÷ capacity, and the words that carry the meaning.</summary>
public static class TrainingLook
{
    public const string Measure = "capacity";

    /// <summary>The cell's step on the heatmap's scale; null when there is no capacity to compare with (shown by words and a pattern).</summary>
    public static HeatStep? Step(TrainingCell cell, decimal amberAt) =>
        cell.Available is { } a ? HeatScale.For(new HeatCell(cell.Week, cell.Need, a, cell.Band), amberAt) : null;

    public static string Css(TrainingCell cell, decimal amberAt) => Step(cell, amberAt)?.Css ?? (cell.NotRecorded ? "app-heat-unknown" : "app-heat-0");

    /// <summary>"Over" or "Near" capacity, "No capacity" recorded, or nothing.</summary>
    public static string Words(TrainingCell cell) => cell.NotRecorded ? "No capacity" : HeatmapModel.BandWords(cell.Band);

    /// <summary>The status in full, for exports and the cell page.</summary>
    public static string Status(TrainingCell cell) => cell switch
    {
        { NotRecorded: true } => "No capacity recorded",
        { Need: 0 } => "No training",
        { Band: HeatBand.Over } => "Over capacity",
        { Band: HeatBand.Near } => "Near capacity",
        _ => "Within capacity",
    };
}
