using System.Security.Cryptography;
using System.Text;

namespace Readiness.Core.Portfolio;

/// <summary>
/// The secret in a person's calendar-feed URL. Calendar clients cannot sign in, so the feed is opened by a token:
/// an HMAC-SHA256 of the user id under a configured key. Nothing is stored; changing the key revokes every feed.
/// </summary>
public sealed class CalendarTokens
{
    public const int MinimumKeyLength = 32;
    private readonly byte[] _key;

    /// <summary>
    /// Without a configured key, a random one is made for this run: feeds work, but subscribed links stop working at
    /// the next start. A key that is set must be long enough to be a secret.
    /// </summary>
    public CalendarTokens(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            _key = RandomNumberGenerator.GetBytes(32);
            return;
        }
        if (key.Length < MinimumKeyLength)
            throw new ArgumentException($"Portfolio:CalendarKey must be at least {MinimumKeyLength} characters.", nameof(key));
        _key = Encoding.UTF8.GetBytes(key);
    }

    public string For(string userId) =>
        Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("calendar:" + userId)));

    public bool IsValid(string? userId, string? token)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token)) return false;
        var expected = Encoding.ASCII.GetBytes(For(userId));
        var given = Encoding.ASCII.GetBytes(token);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
