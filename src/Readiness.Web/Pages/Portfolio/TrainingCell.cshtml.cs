using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>One cell of the training view: the releases whose training makes up the need, and the capacity recorded that week.</summary>
[Authorize(Roles = $"{Roles.Pmo},{Roles.Sro},{Roles.Bcm}")]
public class TrainingCellModel(TrainingQueries training) : PageModel
{
    public TrainingCellDetail Cell { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? area, DateOnly? week, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(area) || week is null) return NotFound();
        var result = await training.CellAsync(area, week.Value, ct);
        if (!result.Succeeded) return NotFound();
        Cell = result.Value!;
        return Page();
    }
}
