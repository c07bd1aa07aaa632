using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Infrastructure.Tests.Startup;

/// <summary>
/// The web app begins the start-up work (migrations, seed data) as soon as its container is built, before the host
/// validates the options and starts (Program, <c>BeginStartupWork</c>). Begun that early it must keep start-up's rules:
/// bad configuration stops it before the database is touched, and the host's start waits for the same work.
/// </summary>
public sealed class StartupWorkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("readiness-startup-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = TestDatabase.Sqlite(_folder).ConnectionString,
            ["Seed:Enabled"] = "false",
            ["Reminders:BankHolidaysPath"] = "",
            ["Workflows:Path"] = Workflows.WorkflowFolder.RealWorkflows(),
            ["Scheduling:RunServer"] = "false",
            ["Scheduling:StoragePath"] = Path.Combine(_folder, "hangfire.db"),
            ["Email:PickupFolder"] = Path.Combine(_folder, "mail"),
            ["Audit:ChainKey"] = TestDatabase.AuditChainKey,
            ["Audit:CheckpointPath"] = Path.Combine(_folder, "audit"),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddReadinessCore().AddReadinessInfrastructure(builder.Configuration, _folder);
        return builder.Build();
    }

    private string DatabaseFile => Path.Combine(_folder, "readiness.db");

    [Fact]
    public async Task Bad_configuration_stops_the_early_work_before_the_database_is_made()
    {
        // An option the work itself never reads: only the host's validation would have stopped it.
        using var host = Host(new() { ["Heatmap:Weeks"] = "2" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Services.BeginStartupWork());

        Assert.Contains("Weeks", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabaseFile));
    }

    [Fact]
    public async Task The_host_start_waits_for_the_work_begun_early_and_does_it_once()
    {
        using var host = Host([]);

        var early = host.Services.BeginStartupWork();
        Assert.Same(early, host.Services.BeginStartupWork());
        await host.StartAsync();

        Assert.True(early.IsCompletedSuccessfully);
        Assert.True(File.Exists(DatabaseFile));
        await host.StopAsync();
    }
}
