using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Readiness.Core.Common;
using Readiness.Core.Identity;

namespace Readiness.Core.People;

/// <summary>
/// The token in an invitation's set-password link, as Identity's password-reset token provider. It is Identity's own
/// design — the creation time, the person, the purpose and their security stamp, protected (encrypted and signed) with
/// Data Protection, so setting the password (a new stamp) makes it single-use — with two differences: its age is read
/// from the app's clock (<see cref="ReadinessClock"/>, like every other time in Readiness; Identity's provider reads the
/// machine's), and only the exact base64url text is accepted (Identity's base64 also took the token with spaces added).
/// </summary>
public sealed class InvitationTokens(IDataProtectionProvider protection, ReadinessClock clock) : IUserTwoFactorTokenProvider<ReadinessUser>
{
    public const string ProviderName = "Invitation";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>A real token is about 250 characters; anything much longer is not one (and is not decoded).</summary>
    private const int MaxLength = 1_000;

    private readonly IDataProtector _protector = protection.CreateProtector("Readiness.People.InvitationTokens");

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ReadinessUser> manager, ReadinessUser user) => Task.FromResult(false);

    public async Task<string> GenerateAsync(string purpose, UserManager<ReadinessUser> manager, ReadinessUser user)
    {
        var stamp = await manager.GetSecurityStampAsync(user);
        var payload = string.Join('\n', clock.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture), user.Id, purpose, stamp);
        return Base64Url(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ReadinessUser> manager, ReadinessUser user)
    {
        if (token.Length is 0 or > MaxLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        string[] parts;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            parts = Encoding.UTF8.GetString(_protector.Unprotect(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')))).Split('\n');
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }
        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)) return false;
        var created = new DateTime(Math.Min(ticks, DateTime.MaxValue.Ticks - Lifetime.Ticks), DateTimeKind.Utc);
        // A few minutes' grace for a node whose clock is a little behind the one that made the token.
        return created <= clock.UtcNow + TimeSpan.FromMinutes(5) && clock.UtcNow < created + Lifetime
               && parts[1] == user.Id && parts[2] == purpose && parts[3] == await manager.GetSecurityStampAsync(user);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
