using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Common;
using Readiness.Core.People;

namespace Readiness.Web.Pages.Admin.People;

/// <summary>The PMO's list of people: search by name or email, a page at a time.</summary>
public class IndexModel(PeopleQueries queries, ReadinessClock clock) : AdminPageModel
{
    public ReadinessClock Clock => clock;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public PeoplePage Data { get; private set; } = new([], 0, 1, 1);

    public async Task OnGetAsync(CancellationToken ct) => Data = await queries.ListAsync(Search, PageNumber, ct);
}
