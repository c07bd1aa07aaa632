using AngleSharp.Dom;
using Readiness.Core.Portfolio;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Startup;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>The timeline draws releases, gates and dependencies as SVG with the same facts as a list; seeded dependencies are validated.</summary>
public sealed class TimelineTests(PortfolioFixture fixture) : IClassFixture<PortfolioFixture>
{
    private async Task<IDocument> TimelineAsync(string query = "") =>
        await (await fixture.SignedInAsync("pmo@readiness.demo")).GetAsync("/Portfolio/Timeline" + query);

    [Fact]
    public async Task Every_release_is_a_row_of_the_svg_with_a_marker_per_gate_and_a_go_live_diamond()
    {
        var page = await TimelineAsync();

        var svg = page.QuerySelector("svg[data-testid=timeline-svg]")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.StartsWith("Timeline of 16 releases", svg.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        var row = svg.QuerySelector("g[data-release='CONNECT-P1']")!;
        Assert.Equal(3, row.QuerySelectorAll(".tl-gate").Length);
        Assert.Single(row.QuerySelectorAll(".tl-golive"));
        Assert.Equal(16, page.QuerySelectorAll("ol[data-testid=timeline-list] > li").Length);
    }

    [Fact]
    public async Task Dependencies_are_drawn_and_a_late_one_is_dashed_and_named_in_the_list()
    {
        var page = await TimelineAsync();

        var late = page.QuerySelector("path[data-dependency='LD-WAVE2→CC-REPLACE']")!;
        Assert.Contains("tl-late", late.ClassList);
        Assert.DoesNotContain("tl-late", page.QuerySelector("path[data-dependency='CONNECT-P2→CONNECT-P1']")!.ClassList);
        var item = page.QuerySelector("ol[data-testid=timeline-list] > li[data-release='LD-WAVE2']")!;
        Assert.Contains("CC-REPLACE", item.QuerySelector("[data-testid=dependency-late]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("LD-WAVE1", item.QuerySelector("[data-testid=dependency]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_can_show_one_programme()
    {
        var page = await TimelineAsync("?Programme=COMMAND-CONTROL");
        Assert.Equal(["CC-REPLACE", "CC-RMS"], page.QuerySelectorAll("svg g[data-release]").Select(g => g.GetAttribute("data-release")!).ToList());
    }

    [Theory]
    [InlineData("2026-05-01", ReleaseStatus.Planned, "2026-04-01", "2026-03-01", true)]   // planned after the release that needs it
    [InlineData("2026-03-20", ReleaseStatus.InReadiness, "2026-04-01", "2026-03-01", false)] // planned before, T0 not reached
    [InlineData("2026-03-20", ReleaseStatus.InReadiness, "2026-04-01", "2026-04-01", true)]  // T0 reached and not live
    [InlineData("2026-03-20", ReleaseStatus.Live, "2026-04-01", "2026-04-02", false)]
    public void A_prerequisite_is_late_when_planned_after_its_dependant_or_not_live_by_its_t0(string pre, ReleaseStatus status, string dependent, string today, bool late) =>
        Assert.Equal(late, GateTracker.IsLate(DateOnly.Parse(pre, System.Globalization.CultureInfo.InvariantCulture), status,
            DateOnly.Parse(dependent, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("NO-SUCH-RELEASE", "Unknown release 'NO-SUCH-RELEASE' in dependsOn")]
    [InlineData("CONNECT-P2", "cannot depend on itself")]
    public void A_seeded_dependency_on_an_unknown_release_or_itself_is_refused_with_the_file_and_path(string code, string message)
    {
        var folder = Directory.CreateTempSubdirectory("seed-").FullName;
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "seed-data"), folder);
        var file = Path.Combine(folder, SeedReader.PortfolioFile);
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"dependsOn\": [\"CONNECT-P1\"]", $"\"dependsOn\": [\"{code}\"]", StringComparison.Ordinal));

        var error = Assert.Throws<StartupValidationException>(() => SeedReader.Read(folder));

        Assert.Contains($"portfolio.json: $.programmes[0].releases[1].dependsOn[0]: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(f, f.Replace(from, to, StringComparison.Ordinal), true);
    }
}
