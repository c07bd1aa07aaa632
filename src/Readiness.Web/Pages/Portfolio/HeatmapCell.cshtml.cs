using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>One heatmap cell: the releases whose training, go-live or hypercare make up the load.</summary>
[Authorize(Roles = $"{Roles.Pmo},{Roles.Sro},{Roles.Bcm}")]
public class HeatmapCellModel(HeatmapQueries heatmap) : PageModel
{
    public HeatCellDetail Cell { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? area, DateOnly? week, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(area) || week is null) return NotFound();
        var result = await heatmap.CellAsync(area, week.Value, ct);
        if (!result.Succeeded) return NotFound();
        Cell = result.Value!;
        return Page();
    }

    public static string PartWords(LoadPart part) => part switch
    {
        LoadPart.Training => "Training",
        LoadPart.GoLive => "Go-live week",
        _ => "Hypercare",
    };
}
