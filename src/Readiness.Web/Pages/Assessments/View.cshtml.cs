using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages.Assessments;

/// <summary>The read-only return: answers, score, RAG and what is missing.</summary>
public class ViewModel(ReturnQueries queries, Actor actor, ReadinessClock clock) : PageModel
{
    public ReturnView View { get; private set; } = null!;
    public ReadinessClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var result = await queries.GetAsync(actor, id, ct);
        if (!result.Succeeded) return NotFound();
        View = result.Value!;
        return Page();
    }
}
