using System.Net;
using System.Text;
using static Readiness.Web.Tests.Security.AuthorizationMatrix;

namespace Readiness.Web.Tests.Security;

/// <summary>
/// The attack drill's header sweep as a test, on every page route from the app's endpoints, opened by someone it is for,
/// over HTTPS at a real host name (HSTS is never sent to localhost): a Content-Security-Policy with a nonce and
/// <c>frame-ancestors 'none'</c>, <c>nosniff</c> and HSTS (the test app runs outside Development); token pages not
/// cached and not leaking their address; every export and feed not cached.
/// </summary>
[Collection(RequestSweeps.Name)]
public sealed class HeaderTests(SweepApp app)
{
    private static readonly Uri Host = new("https://readiness.force.example");

    /// <summary>Pages whose address carries a credential.</summary>
    private static readonly string[] TokenPages = ["Decide/{token}", "Decide/{id:int}/{token}", "Account/SetPassword", "Portfolio/Calendar.ics"];

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "";

    /// <summary>The pages that answer data, not HTML: the calendar feed (iCalendar) and the programme boxes' suggestions (JSON).</summary>
    private static readonly string[] NotHtml = ["/Portfolio/Calendar.ics", "/Portfolio/ProgrammeSuggestions"];

    [Fact]
    public async Task Every_page_sends_a_nonce_policy_that_forbids_framing_nosniff_and_hsts()
    {
        var browsers = await AppPages.BrowsersAsync(app.Factory, Host);
        var routes = await AppPages.AllAsync(app.Factory);

        var wrong = new StringBuilder();
        var html = 0;
        var other = new List<string>();
        foreach (var route in routes)
        {
            var url = app.PathOf(route.Pattern);
            var response = await browsers[route.Identity].Client.GetAsync(url);
            var problems = new List<string>();
            if (response.StatusCode == HttpStatusCode.InternalServerError) problems.Add("500");
            if (!Header(response, "Content-Type").StartsWith("text/html", StringComparison.Ordinal))
            {
                // Not HTML: a redirect (sign-in, a finished return), or one of the pages that are data by design.
                if ((int)response.StatusCode is < 300 or >= 400 && !NotHtml.Any(p => url.StartsWith(p, StringComparison.Ordinal)))
                    other.Add($"{url} ({(int)response.StatusCode} {Header(response, "Content-Type")})");
            }
            else
            {
                html++;
                var policy = Header(response, "Content-Security-Policy");
                if (!policy.Contains("script-src 'self' 'nonce-", StringComparison.Ordinal) || !policy.Contains("style-src 'self' 'nonce-", StringComparison.Ordinal))
                    problems.Add($"policy without nonces: '{policy}'");
                if (!policy.Contains("frame-ancestors 'none'", StringComparison.Ordinal)) problems.Add("framing not forbidden");
                if (policy.Contains("unsafe-inline", StringComparison.Ordinal)) problems.Add("unsafe-inline");
            }
            if (Header(response, "X-Content-Type-Options") != "nosniff") problems.Add("no nosniff");
            if (!Header(response, "Strict-Transport-Security").Contains("max-age=", StringComparison.Ordinal)) problems.Add("no HSTS");
            if (problems.Count > 0) wrong.AppendLine($"{url} as {route.Identity} ({(int)response.StatusCode}): {string.Join("; ", problems)}");
        }

        Assert.True(other.Count == 0, $"pages answered neither HTML nor a redirect: {string.Join(", ", other)}");
        Assert.True(html >= routes.Count - 6, $"only {html} of {routes.Count} pages answered HTML");
        Assert.True(wrong.Length == 0, "Headers missing:\n" + wrong);
    }

    [Fact]
    public async Task Token_pages_are_never_cached_and_never_send_their_address_on_whether_the_token_works_or_not()
    {
        var anonymous = new Infrastructure.Browser(app.Factory.CreateBrowser());
        var urls = new List<string>();
        foreach (var pattern in TokenPages)
        {
            var good = app.PathOf(pattern);
            urls.Add(good);
            urls.Add(good.Replace(app.Values["token"], "not-the-token", StringComparison.Ordinal).Replace("token=", "token=x", StringComparison.Ordinal));
        }

        var wrong = new StringBuilder();
        foreach (var url in urls)
        {
            var response = await anonymous.Client.GetAsync(url);
            if (Header(response, "Referrer-Policy") != "no-referrer" || !Header(response, "Cache-Control").Contains("no-store", StringComparison.Ordinal))
                wrong.AppendLine($"{url} ({(int)response.StatusCode}): Referrer-Policy '{Header(response, "Referrer-Policy")}', Cache-Control '{Header(response, "Cache-Control")}'");
        }

        Assert.True(wrong.Length == 0, "Token pages that may be cached or leak their address:\n" + wrong);
    }

    [Fact]
    public async Task Every_export_and_feed_is_never_cached()
    {
        var browsers = await AppPages.BrowsersAsync(app.Factory);
        var routes = await AppPages.AllAsync(app.Factory);
        var downloads = routes.SelectMany(r => r.Handlers.Where(h => h.Method == "Get" && h.Name is not null).Select(h => (r.Identity, Url: app.PathOf(r.Pattern) + h.Query)))
            .Append((Anonymous, Url: app.FeedPath));

        var wrong = new StringBuilder();
        var files = new List<string>();
        foreach (var (identity, url) in downloads)
        {
            var response = await browsers[identity].Client.GetAsync(url);
            if (!Header(response, "Content-Disposition").StartsWith("attachment", StringComparison.Ordinal)) continue;
            files.Add(url);
            if (!Header(response, "Cache-Control").Contains("no-store", StringComparison.Ordinal))
                wrong.AppendLine($"{url}: Cache-Control '{Header(response, "Cache-Control")}'");
        }

        // The tracker, heatmap and audit exports, the people import's template and the calendar feed at least.
        Assert.True(files.Count >= 7, "Only these downloads were reached: " + string.Join(", ", files));
        Assert.True(wrong.Length == 0, "Exports that may be cached:\n" + wrong);
    }
}
