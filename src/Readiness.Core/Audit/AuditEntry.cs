using System.Security.Cryptography;
using System.Text;

namespace Readiness.Core.Audit;

public enum AuditChannel
{
    Web = 0,
    EmailLink = 1,
    System = 2,
}

/// <summary>
/// One line of the append-only audit log. Each entry carries the hash of the one before it (by
/// <see cref="ChainIndex"/>), so editing or deleting any entry breaks the chain from there on.
/// </summary>
public class AuditEntry
{
    private AuditEntry() { }

    internal AuditEntry(AuditRecord r, long chainIndex, string previousHash)
    {
        AtUtc = r.AtUtc;
        ActorUserId = r.ActorUserId;
        OnBehalfOfUserId = r.OnBehalfOfUserId;
        Action = r.Action;
        SubjectType = r.SubjectType;
        SubjectId = r.SubjectId;
        Channel = r.Channel;
        IpAddress = r.IpAddress;
        UserAgent = r.UserAgent is { Length: > 400 } ua ? ua[..400] : r.UserAgent;
        Summary = r.Summary;
        ChainIndex = chainIndex;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public long Id { get; private set; }
    public long ChainIndex { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? ActorUserId { get; private set; }
    public string? OnBehalfOfUserId { get; private set; }
    public string Action { get; private set; } = "";
    public string SubjectType { get; private set; } = "";
    public string SubjectId { get; private set; } = "";
    public AuditChannel Channel { get; private set; }
    public string? IpAddress { get; private set; }
    public string? UserAgent { get; private set; }

    /// <summary>Before → after, in words.</summary>
    public string Summary { get; private set; } = "";
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public string ComputeHash()
    {
        var text = string.Join('\u001f', ChainIndex, AtUtc.ToString("O"), ActorUserId, OnBehalfOfUserId, Action, SubjectType, SubjectId,
            Channel, IpAddress, UserAgent, Summary, PreviousHash);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>What to record; the chain fields are added by <see cref="AuditLog"/>.</summary>
public sealed record AuditRecord(
    DateTime AtUtc,
    string? ActorUserId,
    string? OnBehalfOfUserId,
    string Action,
    string SubjectType,
    string SubjectId,
    AuditChannel Channel,
    string? IpAddress,
    string? UserAgent,
    string Summary);
