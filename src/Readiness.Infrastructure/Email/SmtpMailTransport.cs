using System.Net.Sockets;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using Readiness.Core.Notifications;

namespace Readiness.Infrastructure.Email;

/// <summary>
/// Sends through the configured SMTP relay with MailKit. A batch goes over one connection (<see cref="OpenSession"/>);
/// a message sent on its own gets a short connection of its own.
/// </summary>
public sealed class SmtpMailTransport(MimeMessageFactory factory, IOptions<SmtpOptions> options) : IMailTransport
{
    // MailKit's default (2 minutes per operation) would hold the outbox job far too long on a hung relay.
    internal static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        await using var session = OpenSession();
        await session.SendAsync(message, ct);
    }

    public IMailSession OpenSession() => new Session(factory, options.Value);

    /// <summary>One SMTP connection, opened at the first message and again after it broke; QUIT when disposed.</summary>
    private sealed class Session(MimeMessageFactory factory, SmtpOptions o) : IMailSession
    {
        private SmtpClient? _client;

        public async Task SendAsync(OutboxMessage message, CancellationToken ct)
        {
            var mime = factory.Create(message); // a message that cannot be built fails before any connection is made
            var client = _client is { IsConnected: true } open ? open : await ConnectAsync(ct);
            try
            {
                await client.SendAsync(mime, ct);
            }
            catch (SmtpCommandException) when (client.IsConnected)
            {
                throw; // the server refused this message (4xx / 5xx) and MailKit reset the transaction: the connection goes on
            }
            catch
            {
                Drop(); // dropped, timed out or out of step: the next message opens a new connection
                throw;
            }
        }

        private async Task<SmtpClient> ConnectAsync(CancellationToken ct)
        {
            Drop();
            var host = o.Host ?? throw new InvalidOperationException("Email:Host is not set.");
            var client = new SmtpClient { Timeout = (int)OperationTimeout.TotalMilliseconds };
            // Our own socket, so Nagle's algorithm can be switched off: MailKit writes each command as it goes, and a
            // relay that delays its ACKs would otherwise hold every message ~40 ms.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    connectTimeout.CancelAfter(OperationTimeout);
                    try
                    {
                        await socket.ConnectAsync(host, o.Port, connectTimeout.Token);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        throw new TimeoutException($"No connection to {host}:{o.Port} within {OperationTimeout.TotalSeconds:0} s.");
                    }
                }
                await client.ConnectAsync(socket, host, o.Port, o.SocketOptions, ct);
                if (!string.IsNullOrEmpty(o.UserName))
                    await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            }
            catch
            {
                client.Dispose();
                socket.Dispose();
                throw;
            }
            return _client = client;
        }

        private void Drop()
        {
            _client?.Dispose();
            _client = null;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is not { IsConnected: true } client)
            {
                Drop();
                return;
            }
            try
            {
                using var quitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, quitTimeout.Token);
            }
#pragma warning disable CA1031 // Every message was accepted or refused already; a failed QUIT must not turn one into a failure and a resend.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            Drop();
        }
    }
}
