using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Readiness.Web.Tests.Infrastructure;

/// <summary>A person the test provider knows: what it says about them in the id token.</summary>
public sealed record ProviderPerson(string Subject, string Email, string Name, bool EmailVerified, params string[] Groups);

/// <summary>What the provider does wrong on purpose, to show Readiness refuses it.</summary>
public enum ProviderFault { None, WrongAudience, WrongIssuer }

/// <summary>
/// A real OpenID Connect provider (OpenIddict 7.8 on Kestrel, 127.0.0.1, a free port) for the sign-in tests: discovery,
/// keys, the authorization code flow with PKCE, end-session. Its sign-in page asks only for an email address of one of
/// <see cref="People"/>; its store is a SQLite file of its own. <see cref="Fault"/> makes it issue tokens Readiness must refuse.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    public const string ClientId = "readiness";
    public const string ClientSecret = "readiness-test-secret";

    private readonly WebApplication _app;
    private readonly string _folder;

    public Uri Authority { get; }
    public List<ProviderPerson> People { get; } = [];
    public ProviderFault Fault { get; set; }

    /// <summary>How many times a person ended their session at the provider (Readiness's sign-out goes through it).</summary>
    public int EndSessions { get; private set; }

    private OidcTestProvider(WebApplication app, string folder, Uri authority)
    {
        _app = app;
        _folder = folder;
        Authority = authority;
    }

    /// <summary>Starts the provider; register Readiness with <see cref="RegisterClientAsync"/> once its address is known.</summary>
    public static async Task<OidcTestProvider> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "readiness-idp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var authority = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        builder.Services.AddDbContext<ProviderDb>(o =>
        {
            o.UseSqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "idp.db"), Pooling = false }.ToString());
            o.UseOpenIddict();
        });
        OidcTestProvider? self = null;
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetIssuer(authority);
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/endsession");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
                // Runs after OpenIddict has set the id token's audience and issuer, before the token is written.
                o.AddEventHandler<OpenIddictServerEvents.ProcessSignInContext>(h => h
                    .UseInlineHandler(context =>
                    {
                        if (context.IdentityTokenPrincipal is { } principal && self is not null)
                        {
                            if (self.Fault == ProviderFault.WrongAudience) principal.SetAudiences("some-other-application");
                            if (self.Fault == ProviderFault.WrongIssuer) principal.SetClaim(Claims.Private.Issuer, "http://127.0.0.1:1/not-the-provider/");
                        }
                        return default;
                    })
                    .SetOrder(OpenIddictServerHandlers.PrepareIdentityTokenPrincipal.Descriptor.Order + 1));
            });

        var app = builder.Build();
        self = new OidcTestProvider(app, folder, authority);
        app.MapMethods("connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)self.AuthorizeAsync);
        app.MapMethods("connect/endsession", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, IResult>)self.EndSession);
        // This is the stand-in identity provider's own store (OpenIddict's applications and tokens), not Readiness's
        // database: OpenIddict ships no migrations, so its tables are created from its model. Readiness's databases
        // in every test are made by Readiness's real migrations.
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
        await app.StartAsync();
        return self;
    }

    /// <summary>Registers Readiness (served at <paramref name="app"/>) as a confidential client with its callbacks.</summary>
    public async Task RegisterClientAsync(Uri app)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(ClientId) is { } existing) await manager.DeleteAsync(existing);
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(app, "signin-oidc") },
            PostLogoutRedirectUris = { new Uri(app, "signout-callback-oidc") },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var permission in new[]
                 {
                     Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                     Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile,
                 })
            client.Permissions.Add(permission);
        await manager.CreateAsync(client);
    }

    /// <summary>The provider's sign-in page (GET) and its answer (POST with "login"): signs the chosen person in.</summary>
    private async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var login = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync()).TryGetValue("login", out var l) ? l.ToString() : null : null;
        if (login is null) return Results.Content(SignInPage(request), "text/html", Encoding.UTF8);
        var person = People.FirstOrDefault(p => string.Equals(p.Email, login.Trim(), StringComparison.OrdinalIgnoreCase));
        if (person is null) return Results.Content(SignInPage(request, "No such person at this provider."), "text/html", Encoding.UTF8);

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject).SetClaim(Claims.Email, person.Email).SetClaim(Claims.Name, person.Name);
        identity.AddClaim(new Claim(Claims.EmailVerified, person.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.SetClaims("groups", [.. person.Groups]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private IResult EndSession(HttpContext context)
    {
        EndSessions++;
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>A form that posts the original request's parameters back with the chosen email address.</summary>
    private static string SignInPage(OpenIddictRequest request, string? error = null)
    {
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><title>Test provider: sign in</title></head><body><main><h1>Test provider</h1>");
        if (error is not null) html.Append("<p role=\"alert\">").Append(HtmlEncoder.Default.Encode(error)).Append("</p>");
        html.Append("<form method=\"post\" action=\"/connect/authorize\">");
        foreach (var (name, value) in request.GetParameters())
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{HtmlEncoder.Default.Encode(name)}\" value=\"{HtmlEncoder.Default.Encode(value.ToString() ?? "")}\">");
        html.Append("<label for=\"login\">Email address</label><input id=\"login\" name=\"login\" type=\"email\"><button type=\"submit\">Continue</button></form></main></body></html>");
        return html.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* a file still held open; the temp folder is cleaned by the OS */ }
    }

    internal sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
