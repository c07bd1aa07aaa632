using Readiness.Web.Infrastructure;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Readiness.Core.Common;
using Readiness.Core.Notifications;
using Readiness.Infrastructure.Email;

namespace Readiness.Web.Pages.Dev;

/// <summary>One email of the demo inbox: its headers, the HTML part in a sandboxed frame and the plain-text part.</summary>
[DoNotCompress]
public partial class MailMessageModel(MailPageAvailability availability, OutboxQueries outbox, IOptions<SmtpOptions> email, Readiness.Core.Identity.Actor actor, ReadinessClock clock) : PageModel
{
    public OutboxMessage Message { get; private set; } = null!;
    public string From => $"{email.Value.FromName} <{email.Value.FromAddress}>";
    public ReadinessClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!availability.IsAvailable) return NotFound();
        var message = await outbox.FindAsync(actor, id, ct);
        if (message is null) return NotFound();
        Message = message;
        return Page();
    }

    /// <summary>
    /// The HTML part, for the page's sandboxed frame. It is served on its own (not as srcdoc) so it can carry a policy
    /// of its own: an email's styles are inline, which the app's pages forbid. A &lt;base target="_top"&gt; makes its
    /// links open in the whole tab (the sandbox allows that on a click), as they would in a mail client.
    /// </summary>
    public async Task<IActionResult> OnGetHtmlAsync(int id, CancellationToken ct)
    {
        if (!availability.IsAvailable) return NotFound();
        var message = await outbox.FindAsync(actor, id, ct);
        if (message is null) return NotFound();
        Response.Headers.ContentSecurityPolicy = Infrastructure.SecurityHeaders.EmailPreviewPolicy;
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(WithTopTarget(message.HtmlBody), "text/html; charset=utf-8");
    }

    private static string WithTopTarget(string html)
    {
        const string baseTag = "<base target=\"_top\">";
        var head = HeadTag().Match(html);
        return head.Success ? html.Insert(head.Index + head.Length, baseTag) : baseTag + html;
    }

    [GeneratedRegex(@"<head(\s[^>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex HeadTag();
}
