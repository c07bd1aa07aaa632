using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Core.Persistence;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// Running behind a load balancer (issue 12): health endpoints, the client's address through known proxies only,
/// options checked at start, and Data Protection keys kept in the app database.
/// </summary>
public sealed class HostingTests
{
    private const string Proxy = "10.0.0.5";
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task Health_endpoints_answer_healthy_without_signing_in()
    {
        await using var factory = new ReadinessFactory();
        var client = factory.CreateBrowser();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData(Proxy, Client)]
    [InlineData("10.0.0.9", "10.0.0.9")] // not a known proxy: its X-Forwarded-For is ignored
    public async Task The_audit_log_records_the_address_a_known_proxy_forwards(string connectedFrom, string audited)
    {
        await using var factory = new ProxiedFactory(IPAddress.Parse(connectedFrom));
        var client = factory.CreateBrowser();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", Client);
        var bcm = new Browser(client);
        await bcm.SignInAsync("bcm.justice@readiness.demo");
        var page = await bcm.GetAsync("/Approvals/Delegations");
        var today = DateOnly.FromDateTime(ReadinessFactory.DefaultNow.UtcDateTime);

        await bcm.SubmitAsync(page.Forms.First(f => f.QuerySelector("#ToUserId") is not null), new()
        {
            ["ToUserId"] = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "bcm.central@readiness.demo").Select(u => u.Id).SingleAsync()),
            ["StartsOn"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["EndsOn"] = today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(audited, await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "delegation.created").Select(e => e.IpAddress).SingleAsync()));
    }

    [Fact]
    public async Task A_proxy_that_is_not_an_address_stops_start_up_naming_the_key()
    {
        var outcome = await AppProcess.RunUntilExitAsync(new Dictionary<string, string> { ["ForwardedHeaders:KnownProxies:0"] = "the-balancer" });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("ForwardedHeaders:KnownProxies:0 'the-balancer' is not an IP address", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_keys_are_kept_in_the_database_and_a_cookie_outlives_a_restart()
    {
        var cookies = new CookieContainer();
        string folder;
        await using (var first = new ReadinessFactory())
        {
            folder = first.Folder;
            await new Browser(first.CreateDefaultClient(ReadinessFactory.SecureBase, new CookieContainerHandler(cookies))).SignInAsync("pmo@readiness.demo");
            Assert.True(await first.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()));
        }

        await using var restarted = new ReadinessFactory(folder);
        var page = await restarted.CreateDefaultClient(ReadinessFactory.SecureBase, new CookieContainerHandler(cookies)).GetAsync("/Portfolio/Tracker");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    /// <summary>The app as reached through a proxy at <paramref name="proxy"/>, with only 10.0.0.5 trusted.</summary>
    private sealed class ProxiedFactory : IAppDatabase, IAsyncDisposable
    {
        private readonly ReadinessFactory _inner = new(settings: new Dictionary<string, string?>
        {
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = Proxy,
        });
        private readonly WebApplicationFactory<Program> _app;

        public ProxiedFactory(IPAddress proxy) =>
            _app = _inner.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter>(_ => new ConnectedFrom(proxy))));

        public HttpClient CreateBrowser() => _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ReadinessFactory.SecureBase });

        public async Task<T> WithDbAsync<T>(Func<ReadinessDbContext, Task<T>> query)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            return await query(scope.ServiceProvider.GetRequiredService<ReadinessDbContext>());
        }

        public async ValueTask DisposeAsync()
        {
            await _app.DisposeAsync();
            await _inner.DisposeAsync();
        }
    }

    /// <summary>The test server has no socket: say which address the connection came from, before anything else runs.</summary>
    private sealed class ConnectedFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
