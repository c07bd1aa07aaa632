using System.Security.Cryptography;
using System.Text;
using Readiness.Core.Workflows;

namespace Readiness.Core.Approvals;

/// <summary>
/// A decision asked of one person about one subject (an area's return, or a release's go-live). Carries the hash of
/// its email-link token (never the token), the hash of the content sent for decision, and the decision once made.
/// </summary>
public class ApprovalRequest
{
    private ApprovalRequest() { }

    /// <param name="instance">The workflow asking, possibly started in the same unit of work (its id is set on commit).</param>
    /// <param name="replaces">The waiting request this one replaces (a re-sent link), closed once this one's email is delivered.</param>
    public ApprovalRequest(ApprovalKind kind, WorkflowInstance instance, int subjectId, int releaseId, string approverUserId, string? onBehalfOfUserId,
        string? submitterUserId, string contentHash, string tokenHash, DateTime tokenExpiresAtUtc, DateOnly dueOn, DateTime nowUtc, ApprovalRequest? replaces = null)
    {
        Kind = kind;
        WorkflowInstance = instance;
        WorkflowInstanceId = instance.Id;
        IssuedInState = instance.State;
        ReplacesRequestId = replaces?.Id;
        SubjectId = subjectId;
        ReleaseId = releaseId;
        ApproverUserId = approverUserId;
        OnBehalfOfUserId = onBehalfOfUserId;
        SubmitterUserId = submitterUserId;
        ContentHash = contentHash;
        TokenHash = tokenHash;
        TokenExpiresAtUtc = tokenExpiresAtUtc;
        DueOn = dueOn;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public ApprovalKind Kind { get; private set; }
    public int WorkflowInstanceId { get; private set; }
    public WorkflowInstance? WorkflowInstance { get; private set; }

    /// <summary>
    /// The workflow state the request was asked in. The request is the approver's authority to take that state's
    /// decision transitions, and only while the instance is still in it.
    /// </summary>
    public string IssuedInState { get; private set; } = "";

    /// <summary>The request whose link this one's replaces (a re-send); that one stays usable until this one's email is delivered.</summary>
    public int? ReplacesRequestId { get; private set; }

    /// <summary>The assessment (area return) or the gate (go-live) decided on.</summary>
    public int SubjectId { get; private set; }
    public int ReleaseId { get; private set; }

    /// <summary>The person asked (a delegate when <see cref="OnBehalfOfUserId"/> is set).</summary>
    public string ApproverUserId { get; private set; } = "";
    public string? OnBehalfOfUserId { get; private set; }

    /// <summary>Who submitted the content; they can never decide on it.</summary>
    public string? SubmitterUserId { get; private set; }
    public string ContentHash { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTime TokenExpiresAtUtc { get; private set; }
    public DateTime? TokenUsedAtUtc { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public ApprovalStatus Status { get; private set; }
    public Decision? Decision { get; private set; }
    public string Comment { get; private set; } = "";
    public Dca? Dca { get; private set; }
    public string? DecidedByUserId { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public DecisionChannel? DecidedVia { get; private set; }
    public string? ClosedReason { get; private set; }

    /// <summary>App-managed concurrency token: of two simultaneous decisions exactly one is recorded.</summary>
    public int Version { get; private set; }

    public bool IsPending => Status == ApprovalStatus.Pending;

    /// <summary>How long after its lifetime a closed link still says what became of it (who decided, or why withdrawn).</summary>
    public static readonly TimeSpan ClosedLinkOutcomeFor = TimeSpan.FromDays(14);

    /// <summary>
    /// Whether an email link may show or act on this request: the exact token, nobody else signed in, and not expired.
    /// A decided or withdrawn request's link says only who decided and when, or why it was withdrawn (never the return),
    /// for <see cref="ClosedLinkOutcomeFor"/> past its lifetime — an approver whose review was escalated while the link
    /// sat in their inbox learns why — and is then simply no longer valid. One rule for the page and the POST.
    /// </summary>
    public bool AcceptsLink(string? token, string? signedInUserId, DateTime nowUtc) =>
        ApprovalTokens.Matches(token, TokenHash)
        && (signedInUserId is null || signedInUserId == ApproverUserId)
        && TokenExpiresAtUtc + (IsPending ? TimeSpan.Zero : ClosedLinkOutcomeFor) > nowUtc;

    internal void Record(Decision decision, string comment, Dca? dca, string decidedBy, DecisionChannel via, DateTime nowUtc)
    {
        if (!IsPending) throw new InvalidOperationException($"Approval request {Id} is already {Status}.");
        Status = ApprovalStatus.Decided;
        Decision = decision;
        Comment = comment;
        Dca = dca;
        DecidedByUserId = decidedBy;
        DecidedAtUtc = nowUtc;
        DecidedVia = via;
        if (via == DecisionChannel.EmailLink) TokenUsedAtUtc = nowUtc;
        Version++;
    }

    /// <summary>The approver was deactivated: their link stops working now; the request waits for the PMO to reassign it.</summary>
    internal void RevokeLink() => TokenHash = HashToken(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    internal void Close(ApprovalStatus status, string reason, DateTime nowUtc)
    {
        if (!IsPending) return;
        Status = status;
        ClosedReason = reason;
        DecidedAtUtc = nowUtc;
        Version++;
    }

    /// <summary>SHA-256 of a token as stored; the raw token exists only in the email.</summary>
    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
