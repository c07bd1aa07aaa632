using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Approvals;

/// <summary>
/// The page behind an email link (DESIGN §6). GET and HEAD only show the confirmation page; the decision is a POST
/// with antiforgery after an explicit choice. Forged, expired and mismatched links get one uniform 404.
/// </summary>
[AllowAnonymous]
public class LinkModel(ApprovalQueries queries, ApprovalDecisions decisions, ReturnBriefs briefs, GatePackQueries packs, Readiness.Core.Common.ReadinessClock clock) : PageModel
{
    [BindProperty]
    public DecisionForm Form { get; set; } = new();

    public LinkView? View { get; private set; }
    public ReturnBrief? Return { get; private set; }
    public GatePack? Pack { get; private set; }
    public string? Message { get; private set; }
    public Dictionary<string, string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string token, CancellationToken ct)
    {
        NoStore();
        if (!await LoadAsync(id, token, ct)) return Uniform();
        Form.Prepare(Return, clock.Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string token, CancellationToken ct)
    {
        NoStore();
        var (input, formErrors) = Form.ToInput();
        DecisionOutcome outcome;
        if (input is null) outcome = new DecisionOutcome(DecisionOutcomeKind.Invalid, "Check the decision.", formErrors);
        else
        {
            var origin = HttpContext.DecisionOrigin(AuditChannel.EmailLink);
            outcome = await decisions.DecideByTokenAsync(id, token, User.FindFirstValue(ClaimTypes.NameIdentifier), input, origin, ct);
        }
        if (outcome.Kind == DecisionOutcomeKind.Refused) return Uniform();
        if (outcome.Kind == DecisionOutcomeKind.Recorded)
        {
            TempData["Flash"] = outcome.Message;
            return Redirect($"/Decide/{id}/{token}");
        }
        if (!await LoadAsync(id, token, ct)) return Uniform();
        Message = outcome.Message;
        Errors = outcome.FieldErrors?.ToDictionary() ?? [];
        Form.Prepare(Return, clock.Today);
        Response.StatusCode = outcome.Kind switch
        {
            DecisionOutcomeKind.Invalid => StatusCodes.Status400BadRequest,
            DecisionOutcomeKind.SelfApproval => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status409Conflict,
        };
        return Page();
    }

    private async Task<bool> LoadAsync(int id, string token, CancellationToken ct)
    {
        View = await queries.ForLinkAsync(id, token, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        if (View is null) return false;
        if (View.Request.Kind == ApprovalKind.AreaReturn) Return = await briefs.ForAsync(View.Request.SubjectId, ct);
        else Pack = await packs.ForReleaseAsync((await queries.ReleaseIdOfAsync(id, ct)), ct);
        return true;
    }

    private PageResult Uniform()
    {
        View = null;
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
