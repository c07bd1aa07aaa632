using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Web.Tests.Infrastructure;
using static Readiness.Web.Tests.Security.AuthorizationMatrix;

namespace Readiness.Web.Tests.Security;

/// <summary>One handler of a page: its HTTP method and name (null for the page's plain OnGet / OnPost).</summary>
internal sealed record PageHandler(string Method, string? Name)
{
    public string Query => Name is null ? "" : $"?handler={Name}";
}

/// <summary>A page route and its handlers, as the app itself knows them.</summary>
internal sealed record PageRoute(string Pattern, IReadOnlyList<PageHandler> Handlers)
{
    /// <summary>Who opens it in a sweep: anonymous where anyone may (the way links are used), else the first role the matrix allows.</summary>
    public string Identity => Expected.GetValueOrDefault(Pattern, []) switch
    {
        var allowed when allowed.Contains(Anonymous) => Anonymous,
        var allowed => new[] { Pmo, Bcm, Sro, TeamLead }.First(allowed.Contains),
    };
}

/// <summary>
/// Every Razor page of the app, read from its own endpoint data source (a new page is in every sweep without anyone
/// listing it), with its handlers from the compiled page — the authorization, CSRF and header sweeps share this.
/// </summary>
internal static class AppPages
{
    public static async Task<IReadOnlyList<PageRoute>> AllAsync(ReadinessFactory factory)
    {
        _ = factory.Server; // starts the app
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var routes = new Dictionary<string, PageRoute>(StringComparer.Ordinal);
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var pattern = endpoint.RoutePattern.RawText!.Trim('/');
            // "Index" and "Folder/Index" are the same page as their folder's route.
            if (pattern == "Index" || pattern.EndsWith("/Index", StringComparison.Ordinal) || routes.ContainsKey(pattern)) continue;
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            routes[pattern] = new PageRoute(pattern, compiled.HandlerMethods.Select(h => new PageHandler(h.HttpMethod, h.Name)).Distinct().ToList());
        }
        return routes.Values.OrderBy(r => r.Pattern, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A path for the pattern, from <paramref name="values"/> where the sweep has a real one (a live token, an existing id)
    /// and sample values otherwise.
    /// </summary>
    public static string PathOf(string pattern, IReadOnlyDictionary<string, string>? values = null)
    {
        string Value(string key, string sample) => values?.GetValueOrDefault($"{pattern}:{key}") ?? values?.GetValueOrDefault(key) ?? sample;
        return "/" + pattern
            .Replace("{token}", Value("token", "bm90LWEtcmVhbC10b2tlbg"), StringComparison.Ordinal)
            .Replace("{id:int}", Value("id:int", "1"), StringComparison.Ordinal)
            .Replace("{id:int?}", Value("id:int", "1"), StringComparison.Ordinal)
            .Replace("{id}", Value("id", "someone"), StringComparison.Ordinal)
            .Replace("{code?}", Value("code", "CONNECT-P1"), StringComparison.Ordinal)
            .Replace("{code}", Value("code", "CONNECT-P1"), StringComparison.Ordinal)
            .Replace("/{tab?}", "", StringComparison.Ordinal);
    }

    /// <summary>A browser for each identity of the matrix, signed in as its demo person.</summary>
    public static async Task<Dictionary<string, Browser>> BrowsersAsync(ReadinessFactory factory, Uri? baseAddress = null)
    {
        var people = new Dictionary<string, string>
        {
            [TeamLead] = "tl.custody@readiness.demo",
            [Bcm] = "bcm.justice@readiness.demo",
            [Sro] = "sro.connect@readiness.demo",
            [Pmo] = "pmo@readiness.demo",
        };
        Browser New()
        {
            var client = factory.CreateBrowser();
            if (baseAddress is not null) client.BaseAddress = baseAddress;
            return new Browser(client);
        }
        var browsers = new Dictionary<string, Browser> { [Anonymous] = New() };
        foreach (var (identity, email) in people)
        {
            var browser = New();
            await browser.SignInAsync(email);
            browsers[identity] = browser;
        }
        return browsers;
    }
}
