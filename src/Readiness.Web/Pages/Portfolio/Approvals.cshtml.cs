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
    /// <summary>Request rows shown in full without asking: the longest-waiting approvers' decisions, up to this many.</summary>
    public const int ExpandBudget = 25;

    [BindProperty] public List<int> Selected { get; set; } = [];
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? Approver { get; set; }

    public StuckSummary Summary { get; private set; } = new([], 1, StuckApprovals.PageSize, 0, 0);
    public IReadOnlyList<ApproverWaiting> Approvers { get; private set; } = [];
    public DateOnly Today => clock.Today;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>
    /// The summary by approver (a page of it), and the decisions of one approver asked for — or, by default, of the
    /// longest-waiting approvers on the page as long as their decisions fit in <see cref="ExpandBudget"/> rows.
    /// </summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        Summary = await stuck.SummaryAsync(PageNumber, ct);
        var expand = new List<string>();
        if (!string.IsNullOrWhiteSpace(Approver)) expand.Add(Approver);
        else
        {
            var rows = 0;
            foreach (var a in Summary.Approvers)
            {
                if (rows + a.Waiting > ExpandBudget) break;
                rows += a.Waiting;
                expand.Add(a.UserId);
            }
        }
        var details = await stuck.ForApproversAsync(expand, ct);
        Approvers = expand.Select(id => details.FirstOrDefault(d => d.UserId == id)).OfType<ApproverWaiting>().ToList();
    }

    public string PageUrl(int page) => $"/Portfolio/Approvals?p={PageLinks.Number(page)}";

    public string ExpandUrl(string userId) => $"/Portfolio/Approvals?p={PageLinks.Number(Summary.Page)}&Approver={Uri.EscapeDataString(userId)}#approver-{userId}";

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        var result = await stuck.ResendAsync(actor, Selected, HttpContext.Origin(), ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Failure!.Message);
            await LoadAsync(ct);
            return Page();
        }
        var s = result.Value!;
        if (s.StoppedBecause is not null)
        {
            // The chunks before the failure are re-sent; what was not tried is still waiting and still offered.
            ModelState.AddModelError("", $"{s.Sent} link(s) re-sent, then it stopped: {s.StoppedBecause} {s.NotTried} chosen request(s) were not re-sent: they are still waiting below, choose them again.");
            await LoadAsync(ct);
            return Page();
        }
        TempData["Flash"] = $"{s.Sent} link(s) re-sent: the old links no longer work." + (s.Skipped > 0 ? $" {s.Skipped} already decided or withdrawn, not re-sent." : "");
        return RedirectToPage();
    }
}
