using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Admin;
using Readiness.Core.Audit;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Admin;

/// <summary>
/// What the PMO's admin pages share: the role, the request origin for the audit log, and outcome → ModelState (the
/// error summary renders it; form-wide messages link to the form, #admin-form).
/// </summary>
[Authorize(Roles = Roles.Pmo)]
public abstract class AdminPageModel : PageModel
{
    protected RequestOrigin Origin() => HttpContext.Origin();

    /// <summary>Flashes a success; otherwise puts each problem on its field (a stale edit clears the form to show the newer values).</summary>
    protected bool Apply(AdminOutcome outcome)
    {
        if (outcome.Succeeded)
        {
            TempData["Flash"] = outcome.Message;
            return true;
        }
        if (outcome.Stale) ModelState.Clear();
        foreach (var e in outcome.Errors) ModelState.AddModelError(e.Field, e.Message);
        if (outcome.Stale || outcome.NotFound) ModelState.AddModelError("", outcome.Message);
        return false;
    }
}
