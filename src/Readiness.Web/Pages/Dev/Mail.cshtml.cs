using Readiness.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Common;
using Readiness.Infrastructure.Email;

namespace Readiness.Web.Pages.Dev;

/// <summary>
/// The demo inbox: the emails addressed to the signed-in person (every email for the PMO), newest first, with their
/// delivery state. Only in Development or when Email:ShowMailPage is set; otherwise the page does not exist (404).
/// </summary>
[DoNotCompress]
public class MailModel(MailPageAvailability availability, OutboxQueries outbox, Readiness.Core.Identity.Actor actor, ReadinessClock clock) : PageModel
{
    // "p", not "page": Razor Pages reserves the "page" route value.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public OutboxPage Result { get; private set; } = null!;
    public ReadinessClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!availability.IsAvailable) return NotFound();
        Result = await outbox.ListAsync(actor, PageNumber, ct);
        return Page();
    }
}
