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
/// finds the request; links sent before that carry the request id too (a second route to this page).
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

    /// <param name="id">Only in links sent before links carried just the token (/Decide/{id}/{token}).</param>
    public async Task<IActionResult> OnGetAsync(string token, int? id, CancellationToken ct)
    {
        NoStore();
        if (!await LoadAsync(token, id, ct)) return Uniform();
        Form.Prepare(Return, clock.Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, int? id, CancellationToken ct)
    {
        NoStore();
        var (input, formErrors) = Form.ToInput();
        var outcome = input is null
            ? Failures.Invalid(formErrors, "Check the decision: " + string.Join(" ", formErrors.Values))
            : await decisions.DecideByTokenAsync(token, id, User.FindFirstValue(ClaimTypes.NameIdentifier), input, HttpContext.DecisionOrigin(AuditChannel.EmailLink), ct);
        if (outcome.Succeeded)
        {
            TempData["Flash"] = outcome.Value!.Message;
            return Redirect($"/Decide/{token}");
        }
        if (outcome.Failure!.Kind == FailureKind.NotFound || !await LoadAsync(token, id, ct)) return Uniform();
        this.Show(outcome.Failure, "Form");
        Message = outcome.Failure.Message;
        Errors = DecisionForm.ErrorsFrom(ModelState);
        Form.Prepare(Return, clock.Today);
        return Page();
    }

    private async Task<bool> LoadAsync(string token, int? id, CancellationToken ct)
    {
        View = await queries.ForLinkAsync(token, id, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        if (View is null) return false;
        // A link that can no longer decide shows who decided (or why it was withdrawn), never the return as it is now.
        if (View.Closed is not null) return true;
        if (View.Request.Kind == ApprovalKind.AreaReturn) Return = await briefs.ForAsync(View.Request.SubjectId, ct);
        else Pack = await packs.ForReleaseAsync((await queries.ReleaseIdOfAsync(View.Request.Id, ct)), ct);
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
