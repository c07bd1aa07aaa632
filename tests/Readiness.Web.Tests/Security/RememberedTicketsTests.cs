using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Web.Infrastructure;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests.Security;

/// <summary>
/// The sign-in cookie is decrypted once and remembered (<see cref="RememberedTickets"/>), and nothing the handler
/// decides per request is remembered with it: expiry still ends a session. The format underneath is the real one,
/// with real Data Protection; <see cref="CountingFormat"/> only counts what reaches it.
/// </summary>
public sealed class RememberedTicketsTests(RememberedTicketsTests.Fixture fixture) : IClassFixture<RememberedTicketsTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public ReadinessFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private static readonly TicketDataFormat RealFormat = new(new EphemeralDataProtectionProvider().CreateProtector("remembered-tickets-tests"));

    private static AuthenticationTicket TicketFor(string name) => new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, "Pmo")], "Identity.Application")),
        new AuthenticationProperties { IssuedUtc = DateTimeOffset.UnixEpoch, ExpiresUtc = DateTimeOffset.UnixEpoch.AddHours(8) },
        IdentityConstants.ApplicationScheme);

    [Fact]
    public void A_cookie_is_decrypted_once_and_each_request_gets_its_own_copy_of_its_ticket()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var inner = new CountingFormat(RealFormat);
        var format = new RememberedTickets(inner, cache);
        var cookie = format.Protect(TicketFor("pmo@met.example"));

        var first = format.Unprotect(cookie)!;
        first.Principal.Identities.Single().AddClaim(new Claim(ClaimTypes.Role, "Sro"));
        first.Properties.Items["changed"] = "by the first request";
        var second = format.Unprotect(cookie)!;

        Assert.Equal(1, inner.Unprotected);
        Assert.Equal("pmo@met.example", second.Principal.Identity!.Name);
        Assert.False(second.Principal.IsInRole("Sro"));
        Assert.False(second.Properties.Items.ContainsKey("changed"));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddHours(8), second.Properties.ExpiresUtc);
    }

    [Fact]
    public void A_tampered_or_unknown_cookie_is_refused_every_time_and_never_remembered()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var inner = new CountingFormat(RealFormat);
        var format = new RememberedTickets(inner, cache);
        var cookie = format.Protect(TicketFor("pmo@met.example"));
        var tampered = cookie[..^2] + (cookie[^2] == 'A' ? "B" : "A") + cookie[^1];

        Assert.Null(format.Unprotect(tampered));
        Assert.Null(format.Unprotect(tampered));
        Assert.Null(format.Unprotect("not-a-cookie"));
        Assert.Null(format.Unprotect(null));

        Assert.Equal(3, inner.Unprotected);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void The_app_remembers_the_sign_in_cookie_only()
    {
        var options = fixture.Factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();

        Assert.IsType<RememberedTickets>(options.Get(IdentityConstants.ApplicationScheme).TicketDataFormat);
        Assert.IsNotType<RememberedTickets>(options.Get(IdentityConstants.ExternalScheme).TicketDataFormat);
    }

    [Fact]
    public async Task A_remembered_cookie_still_ends_its_session_when_it_expires()
    {
        var factory = fixture.Factory;
        var browser = new Browser(factory.CreateBrowser());
        await browser.SignInAsync("pmo@readiness.demo");
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/Releases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/Releases")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromHours(9)); // past the cookie's eight hours, inside the cache's minutes
        var expired = await browser.Client.GetAsync("/Releases");

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/Account/SignIn", expired.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>The real format, counting the cookies that reach it to be decrypted.</summary>
    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> real) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotected { get; private set; }
        public string Protect(AuthenticationTicket data) => real.Protect(data);
        public string Protect(AuthenticationTicket data, string? purpose) => real.Protect(data, purpose);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotected++;
            return real.Unprotect(protectedText, purpose);
        }
    }
}
