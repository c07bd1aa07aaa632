using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The sign-in cookie's ticket, decrypted once per cookie and remembered for a few minutes. Every signed-in request
/// otherwise derives a key, decrypts and checks the cookie with Data Protection (a twentieth of a tracker page); a
/// person's browser sends the same cookie until it is renewed.
/// <para>Safe because the cache is keyed by the whole protected text, MAC included: only a cookie that decrypted once
/// finds an entry, and it finds what decrypting it again would give. Everything that is decided per request still is:
/// the handler checks the ticket's expiry, and <see cref="SecurityStampCheck"/> its security stamp, on every request.
/// A cookie that fails to decrypt is not remembered, so made-up cookies cannot fill the cache. Each caller gets its own
/// copy of the ticket (<see cref="AuthenticationTicket.Clone"/>): the handler and the page may change theirs.</para>
/// </summary>
public sealed class RememberedTickets(ISecureDataFormat<AuthenticationTicket> inner, IMemoryCache remembered) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>How long a decrypted cookie is remembered: well inside a Data Protection key's life and its revocation's reach.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>At most this many cookies are remembered (a few kilobytes each); past it the cache drops the oldest.</summary>
    public const int Capacity = 2_000;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null) return null;
        var key = (protectedText, purpose);
        if (remembered.TryGetValue(key, out AuthenticationTicket? known) && known is not null) return known.Clone();
        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is null) return null;
        remembered.Set(key, ticket.Clone(), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return ticket;
    }

    /// <summary>Wraps the sign-in cookie's ticket format once the cookie handler has made it (post-configures run in order).</summary>
    public static IServiceCollection AddTo(IServiceCollection services) =>
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, WrapFormat>();

    private sealed class WrapFormat : IPostConfigureOptions<CookieAuthenticationOptions>, IDisposable
    {
        // Its own cache, so no other use of a memory cache can push the tickets out or be pushed out by them.
        private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name != IdentityConstants.ApplicationScheme || options.TicketDataFormat is null or RememberedTickets) return;
            options.TicketDataFormat = new RememberedTickets(options.TicketDataFormat, _cache);
        }

        public void Dispose() => _cache.Dispose();
    }
}
