using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Approvals;

/// <summary>Deciding from the web UI as the signed-in approver (same rules as the email link, minus the token).</summary>
public class DecideModel(ApprovalQueries queries, ApprovalDecisions decisions, ReturnBriefs briefs, GatePackQueries packs, Readiness.Core.Common.ReadinessClock clock, Actor actor) : PageModel
{
    [BindProperty]
    public DecisionForm Form { get; set; } = new();

    public RequestSummary Summary { get; private set; } = null!;
    public ReturnBrief? Return { get; private set; }
    public GatePack? Pack { get; private set; }
    public string? Message { get; private set; }
    public Dictionary<string, string> Errors { get; private set; } = [];
    public bool IsPending => Summary.Status == ApprovalStatus.Pending;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Form.Prepare(Return, clock.Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var (input, formErrors) = Form.ToInput();
        var outcome = input is null
            ? Failures.Invalid(formErrors, "Check the decision: " + string.Join(" ", formErrors.Values))
            : await decisions.DecideAsWebUserAsync(id, actor.UserId, input, HttpContext.DecisionOrigin(AuditChannel.Web), ct);
        if (outcome.Succeeded)
        {
            TempData["Flash"] = outcome.Value!.Message;
            return RedirectToPage("Index");
        }
        if (outcome.Failure!.Kind == FailureKind.NotFound || !await LoadAsync(id, ct)) return NotFound();
        this.Show(outcome.Failure, "Form");
        Message = outcome.Failure.Message;
        Errors = DecisionForm.ErrorsFrom(ModelState);
        Form.Prepare(Return, clock.Today);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var summary = await queries.SummaryAsync(id, ct);
        if (summary is null || !await queries.IsApproverAsync(id, actor.UserId, ct)) return false;
        Summary = summary;
        if (summary.Kind == ApprovalKind.AreaReturn) Return = await briefs.ForAsync(summary.SubjectId, ct);
        else Pack = await packs.ForReleaseAsync(await queries.ReleaseIdOfAsync(id, ct), ct);
        return true;
    }
}
