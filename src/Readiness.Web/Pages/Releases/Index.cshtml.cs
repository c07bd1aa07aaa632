using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Common;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Releases;

public class IndexModel(ReleaseQueries releases, ReadinessClock clock) : PageModel
{
    public IReadOnlyList<ReleaseSummary> Items { get; private set; } = [];
    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken ct) => Items = await releases.ListAsync(ct);
}
