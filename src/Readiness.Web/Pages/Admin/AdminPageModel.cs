using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Admin;

/// <summary>What the PMO's admin pages share: the role, the request origin for the audit log, and outcome → errors.</summary>
[Authorize(Roles = Roles.Pmo)]
public abstract class AdminPageModel : PageModel
{
    public IReadOnlyList<ErrorLink> Errors { get; private set; } = [];

    protected RequestOrigin Origin() => HttpContext.Origin();

    /// <summary>
    /// Flashes a success; otherwise puts each problem on its field under the form's <paramref name="prefix"/> (a stale
    /// edit clears what was posted, so the form shows the newer values with the message).
    /// </summary>
    protected bool Apply(Result<string> outcome, string? prefix = null)
    {
        if (outcome.Succeeded)
        {
            TempData["Flash"] = outcome.Value;
            return true;
        }
        if (IsStale(outcome)) ModelState.Clear();
        this.Show(outcome.Failure!, prefix);
        CollectErrors();
        return false;
    }

    protected static bool IsStale(Result<string> outcome) => outcome.Failure?.Kind == FailureKind.Stale;

    protected static bool IsMissing(Result<string> outcome) => outcome.Failure?.Kind == FailureKind.NotFound;

    /// <summary>The error summary: each message links to its field ("Gate.Name" → #Gate_Name); form-wide ones to the form.</summary>
    protected void CollectErrors() =>
        Errors = ErrorLink.From(ModelState, "admin-form");
}
