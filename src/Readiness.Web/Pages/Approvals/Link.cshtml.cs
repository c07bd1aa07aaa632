using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Approvals;

/// <summary>
/// The page behind an email link (DESIGN §6). GET and HEAD only show the confirmation page; the decision is a POST
/// with antiforgery after an explicit choice. Forged, expired and mismatched links get one uniform 404. The token alone
/// finds the request; links sent before that carry the request id too (a second route to this page). Straight after
/// the decision the page confirms it, saying what happens next and who was emailed.
/// </summary>
[AllowAnonymous]
[DoNotCompress]
public class LinkModel(DecisionPages pages, ApprovalDecisions decisions, ReadinessClock clock) : PageModel
{
    private const string JustDecided = "Decided";

    [BindProperty]
    public DecisionForm Form { get; set; } = new();

    /// <summary>Null when the link is refused.</summary>
    public DecisionPage? Data { get; private set; }

    /// <param name="id">Only in links sent before links carried just the token (/Decide/{id}/{token}).</param>
    public async Task<IActionResult> OnGetAsync(string token, int? id, CancellationToken ct)
    {
        Response.ForTokenPage();
        if (!await LoadAsync(token, id, TempData[JustDecided] is true, ct)) return Uniform();
        Form.Prepare(Data!.Return, clock.Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, int? id, CancellationToken ct)
    {
        Response.ForTokenPage();
        TempData.Remove(JustDecided); // "just decided" is for the page this decision redirects to, not a later visit
        if (Form.AddCondition)
        {
            ModelState.Clear();
            return await OnGetAsync(token, id, ct);
        }
        var (input, formErrors) = Form.ToInput();
        var outcome = input is null
            ? Failures.Invalid(formErrors)
            : await decisions.DecideByTokenAsync(token, id, User.FindFirstValue(ClaimTypes.NameIdentifier), input, HttpContext.DecisionOrigin(AuditChannel.EmailLink), ct);
        if (outcome.Succeeded)
        {
            TempData[JustDecided] = true;
            return Redirect($"/Decide/{token}");
        }
        if (outcome.Failure!.Kind == FailureKind.NotFound || !await LoadAsync(token, id, justDecided: false, ct)) return Uniform();
        ModelState.Clear(); // what was posted is shown from the form, not from model binding
        this.Show(outcome.Failure, "Form");
        Form.Prepare(Data!.Return, clock.Today);
        return Page();
    }

    private async Task<bool> LoadAsync(string token, int? id, bool justDecided, CancellationToken ct)
    {
        Data = await pages.ForLinkAsync(token, id, User.FindFirstValue(ClaimTypes.NameIdentifier), justDecided, ct);
        return Data is not null;
    }

    private PageResult Uniform()
    {
        Data = null;
        var result = Page();
        result.StatusCode = StatusCodes.Status404NotFound;
        return result;
    }
}
