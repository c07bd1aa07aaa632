using System.Security.Cryptography;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The headers every response carries. The Content-Security-Policy allows scripts and styles only from the app itself
/// or carrying this request's nonce: no page has inline script or style, so injected markup cannot run anything, and
/// <c>frame-ancestors 'none'</c> stops the app being framed (clickjacking). Hangfire's dashboard, which ships inline
/// script, keeps its own pages under a policy of its own.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>This request's nonce, for a script or style element that must be inline (none is today).</summary>
    public static string CspNonce(this HttpContext context) => context.Items[NonceKey] as string ?? "";

    /// <param name="formTargets">Origins besides the app that a form may lead to: browsers apply form-action to the
    /// redirect after a POST too, and "Sign in with …" and signing out redirect to the identity provider.</param>
    public static string PolicyFor(string nonce, string formTargets = "") =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; font-src 'self'; " +
        $"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'{formTargets}; frame-ancestors 'none'";

    /// <summary>The email preview (the demo inbox's frame): the email's own inline styles, nothing else, framed only by the app.</summary>
    public const string EmailPreviewPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

    /// <summary>Hangfire's dashboard: its inline script and style allowed, still never framed.</summary>
    public const string DashboardPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// A page whose address carries a credential (decision links, the set-password link, calendar feeds): never stored
    /// by a browser or proxy, and its address never sent on to another site as the referrer.
    /// </summary>
    public static void ForTokenPage(this HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, PathString dashboardPath, Uri? identityProvider)
    {
        var formTargets = identityProvider is null ? "" : " " + identityProvider.GetLeftPart(UriPartial.Authority);
        return app.Use(async (context, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Kept when already set: a token page's refusal is shown by the status-code page, re-executed through here.
        if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(dashboardPath) ? DashboardPolicy : PolicyFor(nonce, formTargets);
        await next();
    });
    }
}
