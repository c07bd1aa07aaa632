using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Workflows;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Incidents;

/// <summary>The PMO's list of failures that need a person, e.g. an email that could not be sent.</summary>
[Authorize(Roles = Roles.Pmo)]
public class IndexModel(Core.Workflows.Incidents incidents, Actor actor, ReadinessClock clock) : PageModel
{
    public IReadOnlyList<IncidentRow> Rows { get; private set; } = [];
    public ReadinessClock Clock => clock;
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Rows = await incidents.ListAsync(20, ct);

    public async Task<IActionResult> OnPostResolveAsync(int id, string? note, CancellationToken ct)
    {
        var result = await incidents.ResolveAsync(actor, id, note ?? "", HttpContext.Origin(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = "Incident resolved.";
            return RedirectToPage();
        }
        Error = result.Failure!.Message;
        Rows = await incidents.ListAsync(20, ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
