using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages.Assessments;

/// <summary>The confirmation after submitting a return: what happens next and which BCMs were emailed.</summary>
public class SubmittedModel(ReturnQueries queries, Confirmations confirmations, Actor actor) : PageModel
{
    public int Id { get; private set; }
    public ConfirmationView Confirmation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var view = await queries.GetAsync(actor, id, ct);
        if (!view.Succeeded) return NotFound();
        if (view.Value!.Status != AssessmentStatus.Submitted) return RedirectToPage("View", new { id });
        Id = id;
        Confirmation = await confirmations.AfterSubmitAsync(id, ct);
        return Page();
    }
}
