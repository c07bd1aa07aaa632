using Microsoft.Extensions.Options;
using MimeKit;
using Readiness.Core.Notifications;

namespace Readiness.Infrastructure.Email;

/// <summary>
/// The one place an outbox row becomes a MIME message, so SMTP and the pickup folder send identical mail.
/// Everything comes from the row (including Date and Message-ID), so a resend after a crash is byte-for-byte
/// the same message and receivers can de-duplicate it.
/// </summary>
public sealed class MimeMessageFactory(IOptions<SmtpOptions> options)
{
    public MimeMessage Create(OutboxMessage message)
    {
        var o = options.Value;
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedAtUtc, DateTimeKind.Utc)),
            Subject = message.Subject,
        };
        mime.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        // Tells mail servers and clients not to send out-of-office replies to a system address (RFC 3834).
        mime.Headers.Add("Auto-Submitted", "auto-generated");

        // multipart/alternative: clients that cannot (or will not) render HTML show the plain text.
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
