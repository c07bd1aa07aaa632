using System.Net;
using System.Text;
using Readiness.Web.Tests.Infrastructure;
using static Readiness.Web.Tests.Security.AuthorizationMatrix;

namespace Readiness.Web.Tests.Security;

/// <summary>
/// The attack drill's access sweep as a test: every Razor page route, read from the app's own endpoint data source,
/// opened by anonymous and by each role, against <see cref="AuthorizationMatrix.Expected"/>.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private readonly ReadinessFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<List<string>> PageRoutesAsync() => (await AppPages.AllAsync(_factory)).Select(r => r.Pattern).ToList();

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
    public async Task Every_page_has_an_expectation_and_every_expectation_a_page()
    {
        var routes = await PageRoutesAsync();

        Assert.Empty(routes.Except(Expected.Keys));
        Assert.Empty(Expected.Keys.Except(routes));
    }

    [Fact]
    public async Task Every_page_opens_only_for_the_identities_it_expects()
    {
        var browsers = await AppPages.BrowsersAsync(_factory);

        var wrong = new StringBuilder();
        foreach (var route in await PageRoutesAsync())
        {
            var allowed = Expected.GetValueOrDefault(route, []);
            foreach (var identity in Identities)
            {
                var response = await browsers[identity].Client.GetAsync(AppPages.PathOf(route));
                Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
                var opens = !TurnedAway(response);
                if (opens != allowed.Contains(identity))
                    wrong.AppendLine($"{AppPages.PathOf(route)} as {identity}: {(opens ? "opens" : "turned away")} ({(int)response.StatusCode}), expected {(opens ? "turned away" : "opens")}");
            }
        }

        Assert.True(wrong.Length == 0, "Access differs from the matrix:\n" + wrong);
    }
}
