using System.Net;
using System.Text;
using Readiness.Core.Approvals;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Notifications;

/// <summary>An email to write: plain text and HTML made from the same parts so they never disagree.</summary>
/// <param name="Items">Lines that each open their own page (a digest's items): a real link in HTML, the address in plain text.</param>
/// <param name="Sections">Further lists of items under their own headings, after <paramref name="Items"/> (e.g. the PMO's gates forecast short).</param>
public sealed record Email(string Kind, string ToAddress, string ToName, string Subject, string Intro, IReadOnlyList<(string Label, string Value)> Facts,
    IReadOnlyList<string> Lines, string? ActionText = null, string? ActionUrl = null, string? Footer = null, IReadOnlyList<EmailItem>? Items = null,
    IReadOnlyList<EmailSection>? Sections = null);

/// <summary>One listed item with its own link, e.g. "OVERDUE by 2 working days: CONNECT-P1 MetCC return." → Open the return.</summary>
public sealed record EmailItem(string Text, string LinkText, string Url);

/// <summary>A heading and its items, e.g. "Gates forecast short".</summary>
public sealed record EmailSection(string Heading, IReadOnlyList<EmailItem> Items);

/// <summary>Adds emails to the outbox inside the current unit of work; the dispatcher sends them after commit.</summary>
public sealed class Outbox(ReadinessDbContext db, ApprovalSettings settings, ReadinessClock clock)
{
    public OutboxMessage Enqueue(Email email)
    {
        var message = new OutboxMessage(email.Kind, email.ToAddress, email.ToName, email.Subject, Text(email), Html(email), clock.UtcNow, settings.MessageIdDomain);
        db.Outbox.Add(message);
        return message;
    }

    private static string Text(Email e)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Dear {e.ToName},").AppendLine().AppendLine(e.Intro).AppendLine();
        foreach (var (label, value) in e.Facts.Where(f => f.Value.Length > 0)) sb.AppendLine($"{label}: {value}");
        if (e.Facts.Count > 0) sb.AppendLine();
        foreach (var line in e.Lines) sb.AppendLine($"- {line}");
        if (e.Lines.Count > 0) sb.AppendLine();
        foreach (var item in e.Items ?? []) sb.AppendLine($"- {item.Text}").AppendLine($"  {item.LinkText}: {item.Url}");
        if (e.Items is { Count: > 0 }) sb.AppendLine();
        foreach (var section in e.Sections ?? [])
        {
            sb.AppendLine(section.Heading).AppendLine(new string('-', section.Heading.Length));
            foreach (var item in section.Items) sb.AppendLine($"- {item.Text}").AppendLine($"  {item.LinkText}: {item.Url}");
            sb.AppendLine();
        }
        if (e.ActionUrl is not null) sb.AppendLine($"{e.ActionText}:").AppendLine(e.ActionUrl).AppendLine();
        if (e.Footer is not null) sb.AppendLine(e.Footer);
        sb.AppendLine("— Readiness");
        return sb.ToString();
    }

    /// <summary>Simple, single-column HTML that reads on a phone; inline styles because mail clients drop style sheets.</summary>
    private static string Html(Email e)
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
          .Append($"<title>{H(e.Subject)}</title></head><body style=\"font-family:Arial,sans-serif;font-size:16px;line-height:1.4;color:#0b0c0c;margin:0;padding:16px;max-width:600px\">")
          .Append($"<p>Dear {H(e.ToName)},</p><p>{H(e.Intro)}</p>");
        if (e.Facts.Count > 0)
        {
            sb.Append("<table role=\"presentation\" style=\"border-collapse:collapse;width:100%\">");
            foreach (var (label, value) in e.Facts.Where(f => f.Value.Length > 0))
                sb.Append($"<tr><th scope=\"row\" style=\"text-align:left;padding:4px 8px 4px 0;vertical-align:top;white-space:nowrap\">{H(label)}</th><td style=\"padding:4px 0\">{H(value)}</td></tr>");
            sb.Append("</table>");
        }
        if (e.Lines.Count > 0) sb.Append("<ul>").Append(string.Concat(e.Lines.Select(l => $"<li>{H(l)}</li>"))).Append("</ul>");
        // Each item gets its own link so a person can act on any item of a digest, not only the first.
        if (e.Items is { Count: > 0 } items)
            sb.Append(ItemList(items));
        foreach (var section in e.Sections ?? [])
            sb.Append($"<h2 style=\"font-size:19px;margin:24px 0 8px\">{H(section.Heading)}</h2>").Append(ItemList(section.Items));
        if (e.ActionUrl is not null)
            sb.Append($"<p style=\"margin:24px 0\"><a href=\"{H(e.ActionUrl)}\" style=\"background:#00703c;color:#fff;padding:12px 18px;text-decoration:none;font-weight:bold;display:inline-block\">{H(e.ActionText ?? "Open")}</a></p>")
              .Append($"<p style=\"font-size:14px\">If the button does not work, copy this address into your browser:<br>{H(e.ActionUrl)}</p>");
        if (e.Footer is not null) sb.Append($"<p style=\"font-size:14px;color:#505a5f\">{H(e.Footer)}</p>");
        sb.Append("<p>— Readiness</p></body></html>");
        return sb.ToString();
    }

    private static string ItemList(IEnumerable<EmailItem> items) =>
        "<ul>" + string.Concat(items.Select(i => $"<li style=\"margin-bottom:8px\">{WebUtility.HtmlEncode(i.Text)} <a href=\"{WebUtility.HtmlEncode(i.Url)}\">{WebUtility.HtmlEncode(i.LinkText)}</a></li>")) + "</ul>";
}
