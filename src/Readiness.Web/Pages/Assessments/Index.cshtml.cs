using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Assessments;

/// <summary>My work: a page of the team lead's returns (open and recent by default, or all of them), overdue first.</summary>
[Authorize(Policy = Policies.TeamLead)]
public class IndexModel(MyWork myWork, Actor actor, ReadinessClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public MyWorkPage Result { get; private set; } = new([], 1, MyWork.PageSize, 0, 0, 0, 0, false);
    public IReadOnlyList<MyWorkItem> Items => Result.Items;
    public DateOnly Today => clock.Today;
    public bool All => Show == "all";

    public async Task OnGetAsync(CancellationToken ct) => Result = await myWork.PageAsync(actor.UserId, All, PageNumber, ct);

    public string PageUrl(int page) => $"/Assessments?{(All ? "Show=all&" : "")}p={PageLinks.Number(page)}";
}
