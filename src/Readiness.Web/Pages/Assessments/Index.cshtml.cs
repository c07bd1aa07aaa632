using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages.Assessments;

[Authorize(Policy = Policies.TeamLead)]
public class IndexModel(MyWork myWork, Actor actor, ReadinessClock clock) : PageModel
{
    public IReadOnlyList<MyWorkItem> Items { get; private set; } = [];
    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken ct) => Items = await myWork.ForTeamLeadAsync(actor.UserId, ct);
}
