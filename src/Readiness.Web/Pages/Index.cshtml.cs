using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Common;
using Readiness.Core.Dashboards;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages;

/// <summary>The home page: what needs the signed-in person today, one section for each of their roles.</summary>
public class IndexModel(HomeDashboards dashboards, Actor actor, ReadinessClock clock) : PageModel
{
    public HomeDashboard Data { get; private set; } = null!;
    public ReadinessClock Clock => clock;

    public async Task OnGetAsync(CancellationToken ct) => Data = await dashboards.ForAsync(actor, ct);
}
