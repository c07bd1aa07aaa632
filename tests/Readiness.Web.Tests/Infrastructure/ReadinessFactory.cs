using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Persistence;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database with the real migrations and seed data: a SQLite file in a temp folder of its own,
/// or a PostgreSQL database of its own with READINESS_TEST_DB=postgres (see <see cref="TestDatabase"/>; a test may also
/// name the provider in its settings). Only the clock is fake. Pass the same folder to a second factory to "restart"
/// on the same database.
/// </summary>
public sealed class ReadinessFactory : WebApplicationFactory<Program>, IAppDatabase
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    static ReadinessFactory()
    {
        // Dozens of test apps run in one process: each would watch its settings files and web root with inotify, and the
        // machine's per-user limit (128 instances) runs out. Tests never edit those files while running.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Extra registrations for a test (e.g. a workflow action only a test definition uses).</param>
    public ReadinessFactory(string? folder = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Folder = folder ?? Directory.CreateTempSubdirectory("readiness-test-").FullName;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        Database = _settings.GetValueOrDefault("Database:Provider") switch
        {
            DatabaseOptions.Postgres => TestDatabase.Postgres(Folder),
            DatabaseOptions.Sqlite => TestDatabase.Sqlite(Folder),
            _ => TestDatabase.For(Folder),
        };
        if (_settings.GetValueOrDefault("Database:ConnectionString") is { Length: > 0 } given) Database.ConnectionString = given;
        _settings["Database:Provider"] = Database.Provider;
        _settings["Database:ConnectionString"] = Database.ConnectionString;
        // No Hangfire server in tests; its storage and the pickup mail stay in this test's folder unless a test says otherwise.
        _settings.TryAdd("Scheduling:RunServer", "false");
        // Nor the sender woken by commits: tests run the dispatcher themselves (ApprovalDriver.DispatchAsync) and look at
        // what that run sent. The tests of the wake-up turn it on.
        _settings.TryAdd("Email:SendOnCommit", "false");
        _settings.TryAdd("Seed:DemoActivity", "false");
        // EF Core's check that a context is never used by two operations at once is off in production (it costs per row
        // read) and on here, where a second operation on a busy context should fail loudly.
        _settings.TryAdd("Database:ThreadSafetyChecks", "true");
        // The hand-written demo only (16 releases), which the tests' counts are about; a test about the full demo
        // (80+ releases from portfolio-generated.json) sets Seed:Generated to true.
        _settings.TryAdd("Seed:Generated", "false");
        _settings.TryAdd("Scheduling:StoragePath", Path.Combine(Folder, "hangfire.db"));
        _settings.TryAdd("Email:PickupFolder", Path.Combine(Folder, "mail"));
        _settings.TryAdd("Audit:ChainKey", TestChainKey);
        _settings.TryAdd("Audit:CheckpointPath", Path.Combine(Folder, "audit"));
    }

    /// <summary>The audit chain key of every test app (a test environment's own secret, like a deployment's).</summary>
    public const string TestChainKey = TestDatabase.AuditChainKey;

    public string Folder { get; }

    /// <summary>The provider and connection string this app runs on.</summary>
    public DatabaseOptions Database { get; }
    public FakeTimeProvider Clock { get; } = new(DefaultNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Hashing 45 demo passwords at full strength makes every factory slow; strength is not under test here.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
            _services?.Invoke(services);
        });
    }

    /// <summary>Where people reach the app: over HTTPS, so its Secure cookies come back.</summary>
    public static readonly Uri SecureBase = new("https://localhost");

    /// <summary>A client over HTTPS, as people reach the app (its cookies are Secure), that does not follow redirects.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = SecureBase,
    });

    /// <summary>Points <paramref name="options"/> at this app's database, as the app itself does (e.g. to add an interceptor).</summary>
    public DbContextOptionsBuilder UseDatabase(DbContextOptionsBuilder options) => DatabaseProvider.Configure(options, Database, Folder);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TestDatabase.Release(Database);
    }

    /// <summary>Runs a query against the app's database in a scope of its own.</summary>
    public async Task<T> WithDbAsync<T>(Func<ReadinessDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReadinessDbContext>());
    }
}
