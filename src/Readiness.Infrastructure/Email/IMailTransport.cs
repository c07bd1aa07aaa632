using Readiness.Core.Notifications;

namespace Readiness.Infrastructure.Email;

/// <summary>
/// Hands outbox messages to the outside world. Throws on failure; the dispatcher decides whether the failure is
/// permanent or worth a retry, so transports stay free of retry logic.
/// </summary>
public interface IMailTransport
{
    /// <summary>Sends one message on its own (a connection of its own, where the transport has connections).</summary>
    Task SendAsync(OutboxMessage message, CancellationToken ct);

    /// <summary>
    /// A session for a batch: the dispatcher sends a batch through one session, so a transport with connections (SMTP)
    /// opens one and keeps it for every message. A transport without connections sends each message on its own.
    /// </summary>
    IMailSession OpenSession() => new OneByOneSession(this);

    private sealed class OneByOneSession(IMailTransport transport) : IMailSession
    {
        public Task SendAsync(OutboxMessage message, CancellationToken ct) => transport.SendAsync(message, ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// Messages sent one after another over what the transport keeps open (one SMTP connection). A failed send leaves the
/// session usable: a broken connection is opened again for the next message.
/// </summary>
public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}
