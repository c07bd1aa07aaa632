using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Approvals;
using Readiness.Core.Common;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages.Approvals;

/// <summary>The approver's inbox: pending decisions oldest first with due dates, then past decisions.</summary>
public class IndexModel(ApprovalQueries queries, Actor actor, ReadinessClock clock) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Inbox Inbox { get; private set; } = new([], []);
    public DateOnly Today => clock.Today;
    public ReadinessClock Clock => clock;

    public async Task OnGetAsync(CancellationToken ct) => Inbox = await queries.InboxAsync(actor.UserId, PageNumber, ct);

    public string PageUrl(int page) => $"/Approvals?p={Readiness.Web.Infrastructure.PageLinks.Number(page)}";
}
