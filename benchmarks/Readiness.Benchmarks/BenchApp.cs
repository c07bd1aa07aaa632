using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Readiness.Benchmarks;

/// <summary>
/// The real app hosted in-process (TestServer) on the database of <see cref="Folder"/> (<see cref="BenchDatabase"/>), with a fixed fake clock,
/// no Hangfire server and no seed data (the generator writes the portfolio). Mirrors tests' ReadinessFactory.
/// </summary>
public sealed partial class BenchApp : WebApplicationFactory<Program>
{
    /// <summary>"Now" for the generated portfolio and every benchmark: a Thursday, a working day.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public const string Password = "Readiness-Bench-2026!";

    public BenchApp(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }
    public FakeTimeProvider Clock { get; } = new(Now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", BenchDatabase.ProviderName);
        builder.UseSetting("Database:ConnectionString", BenchDatabase.ConnectionString(Folder));
        builder.UseSetting("Scheduling:RunServer", "false");
        builder.UseSetting("Email:SendOnCommit", "false");
        builder.UseSetting("Scheduling:StoragePath", Path.Combine(Folder, "hangfire.db"));
        builder.UseSetting("Email:PickupFolder", Path.Combine(Folder, "mail"));
        builder.UseSetting("Seed:Enabled", "false");
        builder.UseSetting("Seed:DemoActivity", "false");
        builder.UseSetting("Audit:ChainKey", "benchmark-audit-chain-key-0123456789-abcdefgh");
        builder.UseSetting("Audit:CheckpointPath", Path.Combine(Folder, "audit"));
        // Request logging to the console would dominate the timings.
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Hashing the generated users' passwords at full strength is slow and not what is measured.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }

    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as <paramref name="email"/> through the real sign-in form (cookie + antiforgery).</summary>
    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = CreateBrowser();
        var form = await client.GetStringAsync("/Account/SignIn");
        var token = TokenField().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on /Account/SignIn.");
        var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = Password, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
