using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Portfolio;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Startup;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>The full demo: the hand-written stories plus the portfolio generated from seed-data/portfolio-generated.json.</summary>
public sealed class FullDemoFixture : IAsyncLifetime
{
    public ReadinessFactory Factory { get; } = new(settings: new Dictionary<string, string?> { ["Seed:Generated"] = "true", ["Seed:DemoActivity"] = "true" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>The demo at the report's scale: 80+ projects across its programmes, generated deterministically, stories unchanged.</summary>
public sealed class GeneratedDemoTests(FullDemoFixture fixture) : IClassFixture<FullDemoFixture>
{
    private static string SeedFolder => Path.Combine(AppContext.BaseDirectory, "seed-data");

    [Fact]
    public async Task The_demo_holds_over_eighty_releases_across_the_reports_programmes()
    {
        var releases = await fixture.Factory.WithDbAsync(db => db.Releases.CountAsync());
        var programmes = await fixture.Factory.WithDbAsync(db => db.Programmes.Select(p => p.Name).ToListAsync());

        Assert.True(releases >= 80, $"{releases} releases");
        foreach (var name in new[] { "CONNECT", "Command and Control", "Contact and Resolution", "Local Despatch", "Single Online Home", "Forensic",
                     "PEQF", "Information Futures", "Estates", "CTOC", "Fleet" })
            Assert.Contains(programmes, p => p.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_hand_written_releases_are_as_portfolio_json_has_them()
    {
        var written = SeedReader.Read(SeedFolder, includeGenerated: false).Portfolio.Programmes.SelectMany(p => p.Releases).ToList();
        var anchor = await fixture.Factory.WithDbAsync(db => db.SeedRuns.Where(r => r.Name == "demo").Select(r => r.AnchorDate).SingleAsync());
        var stored = await fixture.Factory.WithDbAsync(db => db.Releases.AsNoTracking()
            .Select(r => new { r.Code, r.Name, r.GoLive, Impacts = r.Impacts.Count }).ToDictionaryAsync(r => r.Code));

        Assert.All(written, w =>
        {
            var r = stored[w.Code];
            Assert.Equal((w.Name, anchor.AddDays(w.GoLiveInDays), w.Impacts.Count), (r.Name, r.GoLive, r.Impacts));
        });
        // The CONNECT story as demo-activity.json plays it: 13 of the 15 areas of Phase 1 approved.
        var approved = await fixture.Factory.WithDbAsync(db => db.GateSummaries.Where(s => s.ReleaseCode == "CONNECT-P1" && s.Kind == GateKind.Readiness)
            .Select(s => s.Approved).SingleAsync());
        Assert.Equal(13, approved);
    }

    [Fact]
    public async Task The_tracker_pages_the_whole_demo_and_its_read_model_matches_a_full_recomputation()
    {
        var pmo = new Browser(fixture.Factory.CreateBrowser());
        await pmo.SignInAsync("pmo@readiness.demo");
        var gates = await fixture.Factory.WithDbAsync(db => db.Gates.CountAsync());

        var page = await pmo.GetAsync("/Portfolio/Tracker?p=3");
        Assert.Equal(25, page.QuerySelectorAll("tr[data-release]").Length);
        Assert.Contains($"51–75 of {gates}", page.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        var (expected, stored) = await fixture.Factory.WithDbAsync(async db => (await GateSummaryOracle.ComputeAsync(db), await GateSummaryOracle.StoredAsync(db)));
        Assert.Equal(expected, stored);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await pmo.GetRawAsync("/Portfolio/Heatmap")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await pmo.GetRawAsync("/Portfolio/Timeline")).StatusCode);
    }

    [Fact]
    public void The_same_description_always_expands_to_the_same_portfolio()
    {
        var once = JsonSerializer.Serialize(SeedReader.Read(SeedFolder).GeneratedProgrammes);
        var again = JsonSerializer.Serialize(SeedReader.Read(SeedFolder).GeneratedProgrammes);
        Assert.Equal(once, again);
        Assert.Contains("\"Code\":\"SOH-1\"", once, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"areas\": [\"METCC\"", "\"areas\": [\"NO-SUCH-AREA\"", "$.programmes[0].areas[0]: Unknown business area 'NO-SUCH-AREA'. Use a code from business-areas.json.")]
    [InlineData("\"releaseCode\": \"SOH-{n}\"", "\"releaseCode\": \"SOH\"", "$.programmes[0].releaseCode: Put {n} in the release code pattern")]
    [InlineData("\"code\": \"SOH\"", "\"code\": \"CONNECT\"", "$.programmes[0].code: Programme code 'CONNECT' is already used")]
    [InlineData("\"headcount\": { \"min\": 40", "\"headcount\": { \"min\": 4000", "$.programmes[0].headcount: Give headcount as a range")]
    [InlineData("\"areasPerRelease\"", "\"areasPerRelase\"", "$.programmes[0].areasPerRelase")]
    public void A_bad_generated_portfolio_file_stops_start_up_naming_the_file_the_path_and_the_fix(string find, string replace, string message)
    {
        var folder = Directory.CreateTempSubdirectory("seed-").FullName;
        foreach (var dir in Directory.GetDirectories(SeedFolder, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(dir.Replace(SeedFolder, folder, StringComparison.Ordinal));
        foreach (var f in Directory.GetFiles(SeedFolder, "*", SearchOption.AllDirectories)) File.Copy(f, f.Replace(SeedFolder, folder, StringComparison.Ordinal), true);
        var file = Path.Combine(folder, GeneratedPortfolio.File);
        var text = File.ReadAllText(file);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(find, replace, StringComparison.Ordinal));

        var error = Assert.Throws<StartupValidationException>(() => SeedReader.Read(folder));

        Assert.Contains($"{GeneratedPortfolio.File}: {message}", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The administration home at the report's scale: a page of releases and a search, not every release at once.</summary>
public sealed class AdminHomeAtScaleTests(FullDemoFixture fixture) : IClassFixture<FullDemoFixture>
{
    private async Task<Browser> PmoAsync()
    {
        var browser = new Browser(fixture.Factory.CreateBrowser());
        await browser.SignInAsync("pmo@readiness.demo");
        return browser;
    }

    [Fact]
    public async Task The_admin_home_pages_the_releases_by_go_live_and_finds_programmes_and_releases_by_code_or_name()
    {
        var pmo = await PmoAsync();
        var all = await fixture.Factory.WithDbAsync(db => db.Releases.OrderBy(r => r.GoLive).ThenBy(r => r.Code).Select(r => r.Code).ToListAsync());

        var first = await pmo.GetAsync("/Admin");
        Assert.Equal(Readiness.Core.Admin.AdminQueries.PageSize, first.QuerySelectorAll("div[aria-label=Releases] tbody tr").Length);
        Assert.StartsWith($"{all.Count} releases", first.QuerySelector("[data-testid=release-count]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(first.QuerySelector("nav.govuk-pagination a[rel=next]"));

        var lastPage = (all.Count + 24) / 25;
        var last = await pmo.GetAsync($"/Admin?p={lastPage}");
        var shown = last.QuerySelectorAll("div[aria-label=Releases] tbody tr th .app-secondary").Select(s => s.TextContent.Trim()).ToList();
        Assert.Equal(all.Skip((lastPage - 1) * 25).ToList(), shown);

        var found = await pmo.GetAsync("/Admin?q=connect");
        var codes = found.QuerySelectorAll("div[aria-label=Releases] tbody tr th .app-secondary").Select(s => s.TextContent.Trim()).ToList();
        Assert.Contains("CONNECT-P1", codes);
        Assert.Contains("CONNECT-P2", codes);
        Assert.All(found.QuerySelectorAll("[data-testid=programmes] li"), li => Assert.Contains("CONNECT", li.TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("matching “connect”", found.QuerySelector("[data-testid=release-count]")!.TextContent, StringComparison.Ordinal);
    }
}
