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
/// with antiforgery after an explicit choice. Forged, expired and mismatched links get one uniform 404.
/// </summary>
[AllowAnonymous]
public class LinkModel(DecisionPages pages, ApprovalDecisions decisions, ReadinessClock clock) : PageModel
{
    private const string JustDecided = "Decided";

    [BindProperty]
    public DecisionForm Form { get; set; } = new();

    /// <summary>Null when the link is refused.</summary>
    public DecisionPage? Data { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string token, CancellationToken ct)
    {
        NoStore();
        if (!await LoadAsync(id, token, TempData[JustDecided] is true, ct)) return Uniform();
        Form.Prepare(Data!.Return, clock.Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string token, CancellationToken ct)
    {
        NoStore();
        TempData.Remove(JustDecided); // "just decided" is for the page this decision redirects to, not a later visit
        if (Form.AddCondition)
        {
            ModelState.Clear();
            return await OnGetAsync(id, token, ct);
        }
        var (input, formErrors) = Form.ToInput();
        DecisionOutcome outcome;
        if (input is null) outcome = new DecisionOutcome(DecisionOutcomeKind.Invalid, "", formErrors);
        else
        {
            var origin = HttpContext.DecisionOrigin(AuditChannel.EmailLink);
            outcome = await decisions.DecideByTokenAsync(id, token, User.FindFirstValue(ClaimTypes.NameIdentifier), input, origin, ct);
        }
        if (outcome.Kind == DecisionOutcomeKind.Refused) return Uniform();
        if (outcome.Kind == DecisionOutcomeKind.Recorded)
        {
            TempData[JustDecided] = true;
            return Redirect($"/Decide/{id}/{token}");
        }
        if (!await LoadAsync(id, token, justDecided: false, ct)) return Uniform();
        ModelState.Clear();
        DecisionForm.AddErrors(ModelState, outcome.FieldErrors);
        Message = outcome.FieldErrors is { Count: > 0 } ? null : outcome.Message;
        Form.Prepare(Data!.Return, clock.Today);
        Response.StatusCode = outcome.Kind switch
        {
            DecisionOutcomeKind.Invalid => StatusCodes.Status400BadRequest,
            DecisionOutcomeKind.SelfApproval => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status409Conflict,
        };
        return Page();
    }

    private async Task<bool> LoadAsync(int id, string token, bool justDecided, CancellationToken ct)
    {
        Data = await pages.ForLinkAsync(id, token, User.FindFirstValue(ClaimTypes.NameIdentifier), justDecided, ct);
        return Data is not null;
    }

    private PageResult Uniform()
    {
        Data = null;
        var result = Page();
        result.StatusCode = StatusCodes.Status404NotFound;
        return result;
    }

    /// <summary>Token pages are never cached and never leak their address to other sites.</summary>
    private void NoStore()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
