using Readiness.Core.Notifications;

namespace Readiness.Infrastructure.Email;

/// <summary>
/// Hands one outbox message to the outside world. Throws on failure; the dispatcher decides whether the
/// failure is permanent or worth a retry, so transports stay free of retry logic.
/// </summary>
public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}
