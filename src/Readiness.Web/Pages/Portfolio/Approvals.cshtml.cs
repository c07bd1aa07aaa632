using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>Decisions waiting, by approver and age, with reminder history; the PMO can re-send the links in bulk.</summary>
[Authorize(Roles = Roles.Pmo)]
public class ApprovalsModel(StuckApprovals stuck, Actor actor, ReadinessClock clock) : PageModel
{
    [BindProperty] public List<int> Selected { get; set; } = [];

    public IReadOnlyList<ApproverWaiting> Approvers { get; private set; } = [];
    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken ct) => Approvers = await stuck.ByApproverAsync(ct);

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        var result = await stuck.ResendAsync(actor, Selected, HttpContext.Origin(), ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Failure!.Message);
            Approvers = await stuck.ByApproverAsync(ct);
            return Page();
        }
        var s = result.Value!;
        TempData["Flash"] = $"{s.Sent} link(s) re-sent: the old links no longer work." + (s.Skipped > 0 ? $" {s.Skipped} already decided or withdrawn, not re-sent." : "");
        return RedirectToPage();
    }
}
