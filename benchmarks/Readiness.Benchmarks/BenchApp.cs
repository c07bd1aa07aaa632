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
/// The real app hosted in-process on the database of <see cref="Folder"/> (<see cref="BenchDatabase"/>), with a fixed fake clock,
/// no Hangfire server and no seed data (the generator writes the portfolio). Mirrors tests' ReadinessFactory. By default
/// requests go through TestServer (no sockets); <see cref="OverHttp"/> serves it on Kestrel at 127.0.0.1 and a free port,
/// and clients then speak real HTTP to it.
/// </summary>
public sealed partial class BenchApp : WebApplicationFactory<Program>
{
    /// <summary>"Now" for the generated portfolio and every benchmark: a Thursday, a working day.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public const string Password = "Readiness-Bench-2026!";

    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="settings">Extra settings for this app (e.g. the mail server the outbox sends to).</param>
    public BenchApp(string folder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Folder = folder;
        _settings = settings ?? new Dictionary<string, string?>();
    }

    public string Folder { get; }

    /// <summary>Where the app listens when served over HTTP; null on TestServer.</summary>
    public Uri? Address { get; private set; }

    /// <summary>The app on Kestrel at http://127.0.0.1:{free port}, started.</summary>
    public static BenchApp OverHttp(string folder)
    {
        var app = new BenchApp(folder, new Dictionary<string, string?> { ["Security:SecureCookies"] = "false" });
        var port = FreePort();
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        app.StartServer();
        app.Address = new Uri($"http://127.0.0.1:{port}/");
        return app;
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
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
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Hashing the generated users' passwords at full strength is slow and not what is measured.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects; over HTTP it asks for no compression (sizes are measured as sent).</summary>
    public HttpClient CreateBrowser() => Address is null
        ? CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })
        : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(),
            AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = Address };

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
