using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Infrastructure.Tests.TestData;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// What a tracker page reads to count its gates: a filter by area counts ten pages ahead and no further, and a filter by
/// programme seeks that programme's gates. Each test has its own database: they add releases.
/// </summary>
public sealed class TrackerCountTests
{
    private const string Pmo = "pmo@readiness.demo";

    [Fact]
    public async Task A_filter_by_area_counts_ten_pages_ahead_and_the_page_says_more_match()
    {
        await using var factory = new ReadinessFactory();
        var area = await AddReleasesTouchingOneAreaAsync(factory, releases: 160); // 320 gates: more than ten pages, and than twelve
        await using var scope = factory.Services.CreateAsyncScope();
        var tracker = scope.ServiceProvider.GetRequiredService<GateTracker>();
        var filter = new TrackerFilter(Area: area);
        var all = await tracker.RowsAsync(filter, CancellationToken.None);
        Assert.True(all.Count > 10 * GateTracker.PageSize + GateTracker.PageSize, $"{all.Count} gates touch {area}");

        var first = await tracker.PageAsync(filter, CancellationToken.None);
        Assert.Equal((1, 250, true, 10), (first.Page, first.Total, first.More, first.Pages));
        Assert.Equal(JsonSerializer.Serialize(all.Take(25)), JsonSerializer.Serialize(first.Rows));

        // Page 3 counts to page 13: still more than that.
        var third = await tracker.PageAsync(filter with { Page = 3 }, CancellationToken.None);
        Assert.Equal((3, 300, true), (third.Page, third.Total, third.More));
        Assert.Equal(JsonSerializer.Serialize(all.Skip(50).Take(25)), JsonSerializer.Serialize(third.Rows));

        // Past the end, the count reaches the end: the exact total, and the last page.
        var past = await tracker.PageAsync(filter with { Page = 99 }, CancellationToken.None);
        var lastPage = (all.Count + 24) / 25;
        Assert.Equal((lastPage, all.Count, false), (past.Page, past.Total, past.More));
        Assert.Equal(JsonSerializer.Serialize(all.Skip((lastPage - 1) * 25)), JsonSerializer.Serialize(past.Rows));

        // Sorted by a column, the query built for the filter counts the same way.
        var sorted = await tracker.PageAsync(filter with { Sort = "release" }, CancellationToken.None);
        Assert.Equal((250, true), (sorted.Total, sorted.More));

        var browser = new Browser(factory.CreateBrowser());
        await browser.SignInAsync(Pmo);
        var page = await browser.GetAsync($"/Portfolio/Tracker?Area={area}");
        Assert.Contains("Gates 1–25 of more than 250 matching the filter.", page.QuerySelector("[data-testid=tracker] caption")!.TextContent, StringComparison.Ordinal);
        var pagination = page.QuerySelector("nav.govuk-pagination")!;
        Assert.Equal("Page 1 of more than 10", pagination.QuerySelector(".app-page-of")!.TextContent.Trim());
        Assert.Equal(["1", "2", "3"], pagination.QuerySelectorAll(".govuk-pagination__item a").Select(a => a.TextContent.Trim()));
        Assert.NotNull(pagination.QuerySelector(".govuk-pagination__item--ellipses:last-child"));
        Assert.NotNull(pagination.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task A_filter_by_area_under_ten_pages_counts_every_gate()
    {
        await using var factory = new ReadinessFactory();
        var area = await AddReleasesTouchingOneAreaAsync(factory, releases: 20);
        await using var scope = factory.Services.CreateAsyncScope();
        var tracker = scope.ServiceProvider.GetRequiredService<GateTracker>();
        var all = await tracker.RowsAsync(new TrackerFilter(Area: area), CancellationToken.None);

        var first = await tracker.PageAsync(new TrackerFilter(Area: area), CancellationToken.None);

        Assert.Equal((all.Count, false), (first.Total, first.More));
    }

    [Fact]
    public async Task A_filter_by_programme_seeks_the_programmes_gates_instead_of_reading_every_gate()
    {
        await using var factory = new ReadinessFactory();
        if (factory.Database.IsPostgres) return; // the query plan is SQLite's; PostgreSQL plans a table this small by its statistics
        await AddReleasesTouchingOneAreaAsync(factory, releases: 5);
        var programme = await factory.WithDbAsync(db => db.Programmes.OrderBy(p => p.Id).Select(p => p.Code).FirstAsync());
        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<ReadinessDbContext>();
        factory.UseDatabase(options).AddInterceptors(counter);
        await using var db = new ReadinessDbContext(options.Options);
        var tracker = new GateTracker(db, factory.Services.GetRequiredService<Readiness.Core.Common.ReadinessClock>());

        foreach (var filter in new[] { new TrackerFilter(Programme: programme), new TrackerFilter(Programme: programme, Sort: "release") })
        {
            var before = counter.Ran.Count;
            var page = await tracker.PageAsync(filter, CancellationToken.None);
            Assert.NotEmpty(page.Rows);
            Assert.All(page.Rows, r => Assert.Equal(programme, r.ProgrammeCode));
            var reads = counter.Ran.Skip(before).Where(c => c.Sql.Contains("FROM \"GateSummaries\"", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, reads.Count); // the count and the page
            foreach (var command in reads)
            {
                await db.Database.OpenConnectionAsync();
                var plan = await command.SqlitePlanAsync(db.Database.GetDbConnection());
                await db.Database.CloseConnectionAsync();
                Assert.Contains(plan, step => step.Contains("SEARCH g USING", StringComparison.Ordinal) && step.Contains("(ProgrammeId=?", StringComparison.Ordinal));
                Assert.DoesNotContain(plan, step => step.StartsWith("SCAN g", StringComparison.Ordinal));
            }
        }
        Assert.Equal(0, (await tracker.PageAsync(new TrackerFilter(Programme: "NO-SUCH-PROGRAMME"), CancellationToken.None)).Total);
    }

    /// <summary>
    /// Adds <paramref name="releases"/> releases of two gates each, all touching the same area (one with nothing nested
    /// under it), and returns that area's code.
    /// </summary>
    private static async Task<string> AddReleasesTouchingOneAreaAsync(ReadinessFactory factory, int releases) =>
        await factory.WithDbAsync(async db =>
        {
            var programme = await db.Programmes.OrderBy(p => p.Id).FirstAsync();
            var sro = await db.Releases.Select(r => r.SroUserId).FirstAsync();
            var area = await db.BusinessAreas.Where(a => !db.BusinessAreas.Any(c => c.ParentId == a.Id)).OrderBy(a => a.Id).FirstAsync();
            for (var i = 0; i < releases; i++)
            {
                var release = new Release(programme.Id, $"COUNT-{i:000}", $"Count {i}", "", new DateOnly(2026, 9, 1).AddDays(i), sro, ReleaseStatus.Planned);
                db.Releases.Add(release);
                await db.SaveChangesAsync();
                db.Gates.Add(new Gate(release.Id, GateKind.Readiness, "Business readiness", -28, null));
                db.Gates.Add(new Gate(release.Id, GateKind.GoNoGo, "Go / no-go", -7, null));
                db.Impacts.Add(new Impact(release.Id, area.Id, 10, ImpactLevel.Low, 1, 1));
            }
            await db.SaveChangesAsync();
            return area.Code;
        });
}
