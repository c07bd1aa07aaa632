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
/// <see cref="ChainIndex"/>), so editing or deleting any entry breaks the chain from there on. The hash is keyed
/// (HMAC-SHA256 with <c>Audit:ChainKey</c>), so someone with only database access cannot re-chain edited rows.
/// </summary>
public class AuditEntry
{
    /// <summary>Scheme 1: unkeyed SHA-256 (entries written before the chain was keyed); scheme 2: HMAC-SHA256.</summary>
    public const int LegacyScheme = 1, KeyedScheme = 2;

    private AuditEntry() { }

    internal AuditEntry(AuditRecord r, long chainIndex, string previousHash, AuditChainKey key)
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
        Scheme = KeyedScheme;
        Hash = ComputeHash(key);
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
    public int Scheme { get; private set; } = LegacyScheme;

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public string ComputeHash(AuditChainKey key)
    {
        var text = Encoding.UTF8.GetBytes(string.Join('\u001f', ChainIndex, AtUtc.ToString("O"), ActorUserId, OnBehalfOfUserId, Action, SubjectType, SubjectId,
            Channel, IpAddress, UserAgent, Summary, PreviousHash));
        return Convert.ToHexString(Scheme == LegacyScheme ? SHA256.HashData(text) : key.Sign(text));
    }
}

/// <summary>What to record; the chain fields are added when the unit of work seals the log.</summary>
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

/// <summary>The secret that keys the audit chain and signs its checkpoints (<c>Audit:ChainKey</c>).</summary>
public sealed class AuditChainKey
{
    public const int MinimumLength = 32;

    private readonly byte[] _key;

    public AuditChainKey(string secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumLength)
            throw new ArgumentException($"The audit chain key must be at least {MinimumLength} characters.", nameof(secret));
        _key = Encoding.UTF8.GetBytes(secret);
    }

    public byte[] Sign(byte[] data) => HMACSHA256.HashData(_key, data);

    public string Sign(string text) => Convert.ToHexString(Sign(Encoding.UTF8.GetBytes(text)));
}
