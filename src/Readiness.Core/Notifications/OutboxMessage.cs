namespace Readiness.Core.Notifications;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the state change that caused it, then sent
/// by the outbox dispatcher with retries. The Message-ID is fixed when the row is written, so a resend after a
/// crash is recognisably the same message.
/// </summary>
public class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(string kind, string toAddress, string toName, string subject, string textBody, string htmlBody, DateTime nowUtc, string messageIdDomain)
    {
        Kind = kind;
        ToAddress = toAddress;
        ToName = toName;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        CreatedAtUtc = nowUtc;
        NextAttemptAtUtc = nowUtc;
        MessageId = $"{Guid.NewGuid():N}@{messageIdDomain}";
    }

    public int Id { get; private set; }

    /// <summary>What the email is for, e.g. "ApprovalRequest", "Returned", "Decision", "Digest".</summary>
    public string Kind { get; private set; } = "";
    public string MessageId { get; private set; } = "";
    public string ToAddress { get; private set; } = "";
    public string ToName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }

    /// <summary>Set when the message will not be retried again (permanent failure or retries exhausted).</summary>
    public DateTime? FailedAtUtc { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>Concurrency token so two dispatchers never both record the same attempt.</summary>
    public int Version { get; private set; }

    /// <summary>The approval request whose link this email carries, if any: its delivery can close the request it replaces.</summary>
    public int? ApprovalRequestId { get; private set; }
    public Approvals.ApprovalRequest? ApprovalRequest { get; private set; }

    public bool IsPending => SentAtUtc is null && FailedAtUtc is null;

    /// <summary>Marks the email as carrying <paramref name="request"/>'s link (a request possibly created in the same unit of work).</summary>
    public OutboxMessage Carries(Approvals.ApprovalRequest request)
    {
        ApprovalRequest = request;
        ApprovalRequestId = request.Id is > 0 ? request.Id : null;
        return this;
    }

    /// <summary>
    /// Puts a message that gave up back in the queue (the mail server is back): attempts start again from now. A sent
    /// message is never re-queued — that would send it twice.
    /// </summary>
    public bool Requeue(DateTime nowUtc)
    {
        if (SentAtUtc is not null || FailedAtUtc is null) return false;
        FailedAtUtc = null;
        Attempts = 0;
        NextAttemptAtUtc = nowUtc;
        Version++;
        return true;
    }

    /// <summary>
    /// Gives back a dispatcher's claim on a message it did not try (it was stopping): due again at
    /// <paramref name="nowUtc"/> rather than when the claim would have lapsed. No attempt is counted.
    /// </summary>
    public void ReleaseClaim(DateTime nowUtc)
    {
        if (!IsPending) return;
        NextAttemptAtUtc = nowUtc;
        Version++;
    }

    public void MarkSent(DateTime nowUtc)
    {
        Attempts++;
        SentAtUtc = nowUtc;
        LastError = null;
        Version++;
    }

    /// <summary>A failed attempt: retried at <paramref name="retryAtUtc"/>, or given up when it is null.</summary>
    public void MarkFailed(string error, DateTime nowUtc, DateTime? retryAtUtc)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (retryAtUtc is { } at) NextAttemptAtUtc = at;
        else FailedAtUtc = nowUtc;
        Version++;
    }
}
