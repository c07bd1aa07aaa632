using System.Security.Cryptography;

namespace Readiness.Core.Approvals;

/// <summary>Email-link tokens: 256 bits from the OS CSPRNG, URL-safe; only their SHA-256 is stored.</summary>
public static class ApprovalTokens
{
    public static (string Token, string Hash) Create()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, ApprovalRequest.HashToken(token));
    }

    /// <summary>Compares a presented token with a stored hash in constant time.</summary>
    public static bool Matches(string? token, string storedHash)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200) return false;
        var presented = Convert.FromHexString(ApprovalRequest.HashToken(token));
        return CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(storedHash));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
