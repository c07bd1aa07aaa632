using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Readiness.Web.Pages.Account;

namespace Readiness.Web.Infrastructure;

/// <summary>Configuration section "Security": transport settings a deployment may need to relax only for plain-HTTP local use.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Cookies (sign-in, antiforgery) only ever sent over HTTPS. Development turns it off (plain http://localhost).</summary>
    public bool SecureCookies { get; set; } = true;
}

/// <summary>
/// The app's security settings in one place (docs/security.md lists what each promises and which test shows it):
/// cookie policy, HSTS, request limits, sign-in throttling and the verb guard.
/// </summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddReadinessSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var security = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var secure = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.ConfigureApplicationCookie(o => o.Cookie.SecurePolicy = secure);
        services.ConfigureExternalCookie(o => o.Cookie.SecurePolicy = secure);
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = secure);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = secure);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });

        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = RequestGuards.MaxBodyBytes);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = RequestGuards.MaxBodyBytes);

        var throttle = configuration.GetSection(SignInThrottleOptions.Section).Get<SignInThrottleOptions>() ?? new SignInThrottleOptions();
        services.AddSingleton(new SignInThrottle(throttle));
        return services;
    }
}
