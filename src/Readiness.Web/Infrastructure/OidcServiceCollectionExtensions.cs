using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Sign-in with the organisation's OpenID Connect provider: the authorization code flow with PKCE, the provider's
/// answer held in Identity's external cookie until /Account/ExternalSignIn provisions or links the person and signs them
/// in to Readiness. The id token is kept in Readiness's own cookie so signing out also ends the provider's session.
/// </summary>
public static class OidcServiceCollectionExtensions
{
    public const string Scheme = "oidc";

    public static IServiceCollection AddReadinessOidc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReadinessAuthenticationOptions>().Bind(configuration.GetSection(ReadinessAuthenticationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(ReadinessAuthenticationOptions.Section).Get<ReadinessAuthenticationOptions>() ?? new ReadinessAuthenticationOptions();
        if (!options.OidcEnabled) return services;
        var oidc = options.Oidc;
        services.AddAuthentication().AddOpenIdConnect(Scheme, oidc.DisplayName, o =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            // Signing out reads the id token (the end-session hint) from Readiness's own cookie, where sign-in stored it.
            o.SignOutScheme = IdentityConstants.ApplicationScheme;
            o.SaveTokens = true;
            o.MapInboundClaims = false;
            o.Scope.Add("email"); // after the defaults "openid" and "profile": the email is how a person is linked
            o.CallbackPath = "/signin-oidc";
            o.SignedOutCallbackPath = "/signout-callback-oidc";
            o.SignedOutRedirectUri = "/Account/SignIn";
            // Issuer, audience (our client id), signature and lifetime are checked on every id token.
            o.TokenValidationParameters.ValidateIssuer = true;
            o.TokenValidationParameters.ValidateAudience = true;
            o.TokenValidationParameters.NameClaimType = "name";
            // The correlation and nonce cookies follow Security:SecureCookies. Browsers drop a SameSite=None cookie that
            // is not Secure, so on plain-HTTP local use they fall back to Lax (the provider is then same-site anyway).
            var secure = configuration.GetValue(SecurityOptions.Section + ":" + nameof(SecurityOptions.SecureCookies), true);
            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                // Max-Age (which browsers prefer to Expires) keeps the cookie alive for the round trip even when the
                // server's clock and the browser's disagree; Expires alone would be read against the browser's clock.
                cookie.MaxAge = o.RemoteAuthenticationTimeout;
                cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                if (!secure) cookie.SameSite = SameSiteMode.Lax;
            }
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/Account/SignIn?failed=provider");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
