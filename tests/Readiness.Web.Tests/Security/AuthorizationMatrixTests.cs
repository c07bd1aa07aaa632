using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Web.Tests.Infrastructure;
using static Readiness.Web.Tests.Security.AuthorizationMatrix;

namespace Readiness.Web.Tests.Security;

/// <summary>
/// The attack drill's access sweep as a test: every Razor page route, read from the app's own endpoint data source,
/// opened by anonymous and by each role, against <see cref="AuthorizationMatrix.Expected"/>.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> People = new()
    {
        [TeamLead] = "tl.custody@readiness.demo",
        [Bcm] = "bcm.justice@readiness.demo",
        [Sro] = "sro.connect@readiness.demo",
        [Pmo] = "pmo@readiness.demo",
    };

    private readonly ReadinessFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private List<string> PageRoutes()
    {
        _ = _factory.Server; // starts the app
        return _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null || e.Metadata.Any(m => m is Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor))
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Where(r => r != "Index" && !r.EndsWith("/Index", StringComparison.Ordinal)) // the same page as its folder's route
            .Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A path for the pattern with sample values (a record that may not exist is fine: only turning away counts).</summary>
    private static string PathOf(string pattern) => "/" + pattern
        .Replace("{token}", "bm90LWEtcmVhbC10b2tlbg", StringComparison.Ordinal)
        .Replace("{id:int}", "1", StringComparison.Ordinal)
        .Replace("{id:int?}", "1", StringComparison.Ordinal)
        .Replace("{id}", "someone", StringComparison.Ordinal)
        .Replace("{code?}", "CONNECT-P1", StringComparison.Ordinal)
        .Replace("{code}", "CONNECT-P1", StringComparison.Ordinal)
        .Replace("/{tab?}", "", StringComparison.Ordinal);

    /// <summary>
    /// Turned away by authorization: sent to sign in, or to "access denied". A page's own 403 or 404 for a record (a
    /// link that does not work, a return that is not theirs) is the page opening and refusing the record.
    /// </summary>
    private static bool TurnedAway(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized) return true;
        var to = response.Headers.Location?.OriginalString ?? "";
        return (int)response.StatusCode is >= 300 and < 400
               && (to.Contains("/Account/AccessDenied", StringComparison.Ordinal) || (to.Contains("/Account/SignIn", StringComparison.Ordinal) && to.Contains("ReturnUrl", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_page_has_an_expectation_and_every_expectation_a_page()
    {
        var routes = PageRoutes();

        Assert.Empty(routes.Except(Expected.Keys));
        Assert.Empty(Expected.Keys.Except(routes));
    }

    [Fact]
    public async Task Every_page_opens_only_for_the_identities_it_expects()
    {
        var browsers = new Dictionary<string, Browser> { [Anonymous] = new(_factory.CreateBrowser()) };
        foreach (var (identity, email) in People)
        {
            var browser = new Browser(_factory.CreateBrowser());
            await browser.SignInAsync(email);
            browsers[identity] = browser;
        }

        var wrong = new StringBuilder();
        foreach (var route in PageRoutes())
        {
            var allowed = Expected.GetValueOrDefault(route, []);
            foreach (var identity in Identities)
            {
                var response = await browsers[identity].Client.GetAsync(PathOf(route));
                Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
                var opens = !TurnedAway(response);
                if (opens != allowed.Contains(identity))
                    wrong.AppendLine($"{PathOf(route)} as {identity}: {(opens ? "opens" : "turned away")} ({(int)response.StatusCode}), expected {(opens ? "turned away" : "opens")}");
            }
        }

        Assert.True(wrong.Length == 0, "Access differs from the matrix:\n" + wrong);
    }
}
