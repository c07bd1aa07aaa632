using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>Start-up: migrations and seeding are idempotent; a bad seed file stops start-up and changes nothing.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Restarting_on_the_same_database_adds_nothing_twice()
    {
        string folder;
        (int Releases, int Assessments, int Users, int Criteria) first;
        using (var factory = new ReadinessFactory())
        {
            folder = factory.Folder;
            first = await CountsAsync(factory);
        }

        using var restarted = new ReadinessFactory(folder);
        var second = await CountsAsync(restarted);

        Assert.Equal(first, second);
        Assert.True(first.Criteria >= 40);
    }

    [Fact]
    public async Task Demo_dates_are_relative_to_the_day_the_database_was_created()
    {
        using var factory = new ReadinessFactory();
        var goLive = await factory.WithDbAsync(db => db.Releases.Where(r => r.Code == "CONNECT-P1").Select(r => r.GoLive).SingleAsync());

        Assert.Equal(DateOnly.FromDateTime(ReadinessFactory.DefaultNow.UtcDateTime).AddDays(24), goLive);
    }

    [Fact]
    public async Task A_bad_seed_file_stops_the_app_naming_the_file_the_field_and_the_problem()
    {
        var work = Directory.CreateTempSubdirectory("readiness-bad-seed-").FullName;
        var seed = Path.Combine(work, "seed-data");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "seed-data"), seed);
        var portfolioPath = Path.Combine(seed, "portfolio.json");
        var portfolio = JsonNode.Parse(File.ReadAllText(portfolioPath))!;
        portfolio["programmes"]![0]!["releases"]![0]!["impacts"]![0]!["area"] = "NOWHERE";
        File.WriteAllText(portfolioPath, portfolio.ToJsonString());

        // The real app process, as a person would start it: it must exit with the message, not serve.
        var start = AppProcess.StartInfo(work);
        start.Environment["Seed__Path"] = seed; // the seed file is what is wrong here
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("portfolio.json: $.programmes[0].releases[0].impacts[0].area: Unknown business area 'NOWHERE'", await stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", await stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work, "readiness.db")));
    }

    /// <summary>The defect: the demo calendar key (in the repository) was accepted outside Development, so feed tokens could be forged.</summary>
    [Theory]
    [InlineData("Portfolio__CalendarKey", "demo-calendar-key-change-me-in-production-0123456789", "Portfolio:CalendarKey is the demo secret")]
    [InlineData("Audit__ChainKey", "demo-audit-chain-key-for-development-only-0123456789", "Audit:ChainKey is the demo secret")]
    public async Task A_demo_secret_stops_the_app_outside_development_naming_the_key(string variable, string value, string message)
    {
        var outcome = await AppProcess.RunUntilExitAsync(new Dictionary<string, string> { [variable] = value });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(message, outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", outcome.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Authentication:LocalPasswords", "false", "Authentication:LocalPasswords is false but Authentication:Oidc:Authority is not set")]
    [InlineData("Authentication:Oidc:Authority", "login.example.org", "Authentication:Oidc:Authority 'login.example.org' must be the provider's https:// address")]
    public async Task A_sign_in_configuration_nobody_could_use_stops_start_up_naming_the_key(string key, string value, string message)
    {
        var outcome = await AppProcess.RunUntilExitAsync(new Dictionary<string, string> { [key] = value, ["Authentication:Oidc:ClientId"] = "readiness" });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(message, outcome.Error, StringComparison.Ordinal);
    }

    private static Task<(int, int, int, int)> CountsAsync(ReadinessFactory factory) => factory.WithDbAsync(async db =>
        (await db.Releases.CountAsync(), await db.Assessments.CountAsync(), await db.Users.CountAsync(), await db.Criteria.CountAsync()));

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
    }
}
