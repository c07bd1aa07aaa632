using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Common;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Releases;

/// <summary>The release page: its gates with due dates, impacted areas and each area's return status and RAG.</summary>
public class DetailsModel(ReleaseQueries releases, ReadinessClock clock) : PageModel
{
    public ReleaseDetail Release { get; private set; } = null!;
    public DateOnly Today => clock.Today;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var result = await releases.GetAsync(code, ct);
        if (!result.Succeeded) return NotFound();
        Release = result.Value!;
        return Page();
    }
}
