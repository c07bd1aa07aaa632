using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using Readiness.Core.Notifications;

namespace Readiness.Infrastructure.Email;

/// <summary>Sends through the configured SMTP relay with MailKit: one short connection per message.</summary>
public sealed class SmtpMailTransport(MimeMessageFactory factory, IOptions<SmtpOptions> options) : IMailTransport
{
    // MailKit's default (2 minutes per operation) would hold the outbox job far too long on a hung relay.
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var o = options.Value;
        var mime = factory.Create(message);
        using var client = new SmtpClient { Timeout = (int)OperationTimeout.TotalMilliseconds };
        await client.ConnectAsync(o.Host ?? throw new InvalidOperationException("Email:Host is not set."), o.Port, o.SocketOptions, ct);
        if (!string.IsNullOrEmpty(o.UserName))
            await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        await client.SendAsync(mime, ct);
        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
#pragma warning disable CA1031 // The server has accepted the message; a failed QUIT must not make it a failure and cause a resend.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
