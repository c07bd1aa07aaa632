using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Approvals;

/// <summary>
/// Deciding from the web UI as the signed-in approver (same rules as the email link, minus the token); straight after
/// the decision the page confirms it, saying what happens next and who was emailed.
/// </summary>
public class DecideModel(DecisionPages pages, ApprovalDecisions decisions, ReadinessClock clock, Actor actor) : PageModel
{
    private const string JustDecided = "Decided";

    [BindProperty]
    public DecisionForm Form { get; set; } = new();

    public DecisionPage Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, TempData[JustDecided] is true, ct)) return NotFound();
        Form.Prepare(Data.Return, clock.Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        TempData.Remove(JustDecided); // "just decided" is for the page this decision redirects to, not a later visit
        if (Form.AddCondition)
        {
            ModelState.Clear();
            return await OnGetAsync(id, ct);
        }
        var (input, formErrors) = Form.ToInput();
        var outcome = input is null
            ? Failures.Invalid(formErrors)
            : await decisions.DecideAsWebUserAsync(id, actor.UserId, input, HttpContext.DecisionOrigin(AuditChannel.Web), ct);
        if (outcome.Succeeded)
        {
            TempData[JustDecided] = true;
            return RedirectToPage(new { id });
        }
        if (outcome.Failure!.Kind == FailureKind.NotFound || !await LoadAsync(id, justDecided: false, ct)) return NotFound();
        ModelState.Clear(); // what was posted is shown from the form, not from model binding
        this.Show(outcome.Failure, "Form");
        Form.Prepare(Data.Return, clock.Today);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, bool justDecided, CancellationToken ct)
    {
        var data = await pages.ForApproverAsync(id, actor.UserId, justDecided, ct);
        if (data is null) return false;
        Data = data;
        return true;
    }
}
