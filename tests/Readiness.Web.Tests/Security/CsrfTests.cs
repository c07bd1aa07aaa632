using System.Net;
using System.Text;
using static Readiness.Web.Tests.Security.AuthorizationMatrix;

namespace Readiness.Web.Tests.Security;

/// <summary>
/// The attack drill's CSRF sweep as a test: every POST handler of every page, enumerated from the app's endpoints and
/// compiled pages (a new form is swept without anyone listing it), posted by someone the page opens for — without an
/// antiforgery token, and with a token from another session — is refused with 400 before the handler runs (the
/// "could not be processed" page, not the page's own validation), and nothing in the database changes.
/// </summary>
[Collection(RequestSweeps.Name)]
public sealed class CsrfTests(SweepApp app)
{
    /// <summary>
    /// Pages that take a POST without a token, and why. The error page is where a refused POST (a 413 body) is shown
    /// again; it has no form of its own and writes nothing.
    /// </summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        ["Error"] = "shows the status of a request already refused; writes nothing",
    };

    /// <summary>What a real form would carry besides its token: enough that a handler reached would act.</summary>
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["Form.Decision"] = "Approve", ["Email"] = "forged@example.org", ["DisplayName"] = "Forged", ["Roles"] = "PMO",
        ["Password"] = "Forged-Password-99", ["Confirm"] = "Forged-Password-99", ["Comment"] = "forged", ["Membership.AreaCode"] = "CUSTODY",
    };

    [Fact]
    public async Task Every_post_handler_refuses_a_post_without_a_valid_antiforgery_token_and_writes_nothing()
    {
        var browsers = await AppPages.BrowsersAsync(app.Factory);
        // Real tokens, but of another session: the anonymous browser's for the signed-in, the PMO's for anonymous pages.
        var anonymousToken = await TokenAsync(browsers[Anonymous], "/Account/SignIn");
        var pmoToken = await TokenAsync(browsers[Pmo], "/Admin/People/Invite");
        var routes = await AppPages.AllAsync(app.Factory);
        var posts = routes.SelectMany(r => r.Handlers.Where(h => h.Method == "Post").Select(h => (Route: r, Handler: h))).ToList();
        var before = await DatabaseSnapshot.TakeAsync(app.Factory);

        var wrong = new StringBuilder();
        foreach (var (route, handler) in posts.Where(p => !Exempt.ContainsKey(p.Route.Pattern)))
        {
            var browser = browsers[route.Identity];
            var foreign = route.Identity == Anonymous ? pmoToken : anonymousToken;
            var url = app.PathOf(route.Pattern).Split('?')[0] + handler.Query;
            foreach (var (kind, token) in new[] { ("no token", (string?)null), ("another session's token", foreign) })
            {
                var form = new Dictionary<string, string>(Fields);
                if (token is not null) form["__RequestVerificationToken"] = token;
                var response = await browser.Client.PostAsync(url, new FormUrlEncodedContent(form));
                var heading = (await Infrastructure.Browser.ParseAsync(response, url)).QuerySelector("h1")?.TextContent.Trim();
                if (response.StatusCode != HttpStatusCode.BadRequest || heading != "The request could not be processed")
                    wrong.AppendLine($"POST {url} as {route.Identity}, {kind}: {(int)response.StatusCode} '{heading}'");
            }
        }

        Assert.True(posts.Count >= 35, $"only {posts.Count} POST handlers found");
        Assert.True(wrong.Length == 0, "Taken without a valid antiforgery token:\n" + wrong);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(app.Factory));
    }

    private static async Task<string> TokenAsync(Infrastructure.Browser browser, string page) =>
        (await browser.GetAsync(page)).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

    [Fact]
    public async Task Every_page_without_antiforgery_is_listed_with_its_reason()
    {
        var routes = (await AppPages.AllAsync(app.Factory)).Select(r => r.Pattern).ToList();

        Assert.Empty(Exempt.Keys.Except(routes));
    }
}
