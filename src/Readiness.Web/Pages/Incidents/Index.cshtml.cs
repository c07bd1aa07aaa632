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
public class IndexModel(Core.Workflows.Incidents incidents, IncidentRetry retry, Actor actor, ReadinessClock clock) : PageModel
{
    public IReadOnlyList<IncidentRow> Rows { get; private set; } = [];
    public int FailedEmails { get; private set; }
    public ReadinessClock Clock => clock;
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Re-runs what failed (re-queues the email, fires the timer's trigger, runs the state's actions, polls the feed).</summary>
    public async Task<IActionResult> OnPostRetryAsync(int id, CancellationToken ct)
    {
        var result = await retry.RetryAsync(actor, id, HttpContext.Origin(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = $"Retried: {result.Value}. The incident is resolved.";
            return RedirectToPage();
        }
        return await ErrorAsync(result.Failure!, ct);
    }

    /// <summary>Puts every email that gave up back in the outbox, once the mail server is back.</summary>
    public async Task<IActionResult> OnPostRequeueAsync(CancellationToken ct)
    {
        var result = await retry.RequeueFailedEmailsAsync(actor, HttpContext.Origin(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = $"{result.Value} failed email(s) put back in the outbox; they go out on the dispatcher's next run.";
            return RedirectToPage();
        }
        return await ErrorAsync(result.Failure!, ct);
    }

    private async Task<IActionResult> ErrorAsync(Failure failure, CancellationToken ct)
    {
        if (this.Show(failure) is { } shown) return shown;
        Error = failure.Message;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await incidents.ListAsync(20, ct);
        FailedEmails = await retry.FailedEmailCountAsync(ct);
    }

    public async Task<IActionResult> OnPostResolveAsync(int id, string? note, CancellationToken ct)
    {
        var result = await incidents.ResolveAsync(actor, id, note ?? "", HttpContext.Origin(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = "Incident resolved.";
            return RedirectToPage();
        }
        return await ErrorAsync(result.Failure!, ct);
    }
}
