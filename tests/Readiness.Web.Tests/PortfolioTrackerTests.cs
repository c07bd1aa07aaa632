using System.Text.Json;
using System.Data.Common;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>One seeded app for the read-only tracker tests (demo day: Monday 2 March 2026).</summary>
public sealed class PortfolioFixture : IAsyncLifetime
{
    public ReadinessFactory Factory { get; } = new();

    public async Task<Browser> SignedInAsync(string email)
    {
        var browser = new Browser(Factory.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>The gate tracker on the demo portfolio: 16 releases × 3 gates, filtered, sorted, paged and flagged.</summary>
public sealed class PortfolioTrackerTests(PortfolioFixture fixture) : IClassFixture<PortfolioFixture>
{
    private const string Pmo = "pmo@readiness.demo";

    private sealed record Row(string Release, string Gate, string Status, string Submitted, string Rag, string Flags, string Due);

    private static List<Row> Rows(IDocument page) => page.QuerySelectorAll("tr[data-release]").Select(tr => new Row(
        tr.GetAttribute("data-release")!, tr.GetAttribute("data-gate")!, Text(tr, "status"), Text(tr, "submitted"), Text(tr, "rag"), Text(tr, "flags"),
        tr.Children[4].TextContent.Trim())).ToList();

    private static string Text(IElement tr, string id) => string.Join(' ', tr.QuerySelector($"[data-testid={id}]")!.TextContent
        .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<IDocument> TrackerAsync(string query = "") => await (await fixture.SignedInAsync(Pmo)).GetAsync("/Portfolio/Tracker" + query);

    [Fact]
    public async Task A_gate_past_its_due_date_with_returns_outstanding_is_overdue_and_flagged()
    {
        var rows = Rows(await TrackerAsync("?Programme=CONNECT"));

        var readiness = rows.Single(r => r.Release == "CONNECT-P1" && r.Gate == "Readiness");
        Assert.Equal("! Overdue", readiness.Status);
        Assert.Contains("Overdue", readiness.Flags, StringComparison.Ordinal);
        Assert.EndsWith("Not due", rows.Single(r => r.Release == "CONNECT-P1" && r.Gate == "GoNoGo").Status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gates_of_releases_already_live_or_closed_are_complete_and_one_due_within_seven_days_is_due_this_week()
    {
        var rows = Rows(await TrackerAsync("?Programme=FORENSICS"));
        Assert.All(rows.Where(r => r.Release == "FS-RAPID"), r => Assert.EndsWith("Complete", r.Status, StringComparison.Ordinal));

        var wave1 = Rows(await TrackerAsync("?Programme=LOCAL-DESPATCH")).Single(r => r.Release == "LD-WAVE1" && r.Gate == "Readiness");
        Assert.EndsWith("Due this week", wave1.Status, StringComparison.Ordinal); // T-28 of 2 April is Thursday 5 March
    }

    [Fact]
    public async Task Filtering_by_programme_shows_only_its_releases()
    {
        var rows = Rows(await TrackerAsync("?Programme=CONNECT"));
        Assert.Equal(6, rows.Count);
        Assert.Equal(["CONNECT-P1", "CONNECT-P2"], rows.Select(r => r.Release).Distinct().Order().ToList());
    }

    [Fact]
    public async Task Filtering_by_a_parent_area_includes_releases_impacting_the_areas_nested_under_it()
    {
        // Criminal Justice (CJ) has Custody, Case and Property under it: CONNECT-P1 and FS-RAPID impact them.
        var rows = Rows(await TrackerAsync("?Area=CJ"));
        Assert.Equal(["CONNECT-P1", "FS-RAPID"], rows.Select(r => r.Release).Distinct().Order().ToList());
    }

    [Fact]
    public async Task Filtering_by_status_and_due_dates_keeps_only_matching_gates()
    {
        var overdue = Rows(await TrackerAsync("?Status=Overdue"));
        Assert.NotEmpty(overdue);
        Assert.All(overdue, r => Assert.EndsWith("Overdue", r.Status, StringComparison.Ordinal));

        var march = await TrackerAsync("?From=2026-03-01&To=2026-03-31");
        var rows = Rows(march);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("Mar 2026", r.Due, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sorting_by_release_orders_the_rows_and_the_heading_says_so()
    {
        var ascending = await TrackerAsync("?Sort=release");
        var codes = Rows(ascending).Select(r => r.Release).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal).ToList(), codes);
        var sorted = ascending.QuerySelectorAll("th[aria-sort]").Where(th => th.GetAttribute("aria-sort") != "none").ToList();
        Assert.Equal("ascending", Assert.Single(sorted).GetAttribute("aria-sort"));
        Assert.StartsWith("Release", sorted[0].TextContent.Trim(), StringComparison.Ordinal);

        var descending = Rows(await TrackerAsync("?Sort=release&Dir=desc")).Select(r => r.Release).ToList();
        Assert.Equal(descending.OrderDescending(StringComparer.Ordinal).ToList(), descending);
        Assert.Equal("THRIVE-BCU", descending[0]);
    }

    [Fact]
    public async Task Forty_eight_gates_page_at_twenty_five_with_pagination_links()
    {
        var first = await TrackerAsync();
        Assert.Equal(25, Rows(first).Count);
        Assert.Contains("1–25 of 48", first.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        var next = first.QuerySelector("nav[aria-label='Gate tracker pages'] a[rel=next]")!.GetAttribute("href")!;

        var second = await (await fixture.SignedInAsync(Pmo)).GetAsync(next);
        Assert.Equal(23, Rows(second).Count);
        Assert.Empty(Rows(first).Select(r => r.Release + r.Gate).Intersect(Rows(second).Select(r => r.Release + r.Gate)));
    }

    [Fact]
    public async Task A_release_whose_prerequisite_goes_live_after_it_is_flagged_as_depending_on_a_late_release()
    {
        var rows = Rows(await TrackerAsync("?Programme=LOCAL-DESPATCH"));

        var wave2 = rows.First(r => r.Release == "LD-WAVE2");
        Assert.Contains("depends on CC-REPLACE, which is late", wave2.Flags, StringComparison.Ordinal);
        Assert.Contains("depends on LD-WAVE1", wave2.Flags, StringComparison.Ordinal);
        Assert.DoesNotContain("LD-WAVE1, which is late", wave2.Flags, StringComparison.Ordinal);
        Assert.DoesNotContain("depends on", rows.First(r => r.Release == "LD-WAVE1").Flags, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_row_links_to_its_release_and_the_rag_is_in_words()
    {
        var page = await TrackerAsync("?Programme=CONNECT");
        var row = page.QuerySelector("tr[data-release='CONNECT-P1'][data-gate='Readiness']")!;
        Assert.Equal("/Releases/CONNECT-P1", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Not scored", row.QuerySelector("[data-testid=rag]")!.TextContent.Trim());
        Assert.Equal("0 of 15", row.QuerySelector("[data-testid=submitted]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_submitted_return_counts_towards_the_gate_and_its_rag_shows_in_words_and_shape()
    {
        var id = await new ApprovalDriver(fixture.Factory, null!).SubmitReturnAsync("SOH-R4", "TDIU");
        var rag = await fixture.Factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Rag).SingleAsync());
        var expected = rag switch { Rag.Green => "● Green", Rag.Amber => "▲ Amber", Rag.Red => "■ Red", _ => "unscored?" };

        var row = (await TrackerAsync("?Programme=ONLINE")).QuerySelector("tr[data-release='SOH-R4'][data-gate='Readiness']")!;

        Assert.Equal("1 of 3", row.QuerySelector("[data-testid=submitted]")!.TextContent.Trim());
        Assert.Equal("0 of 3", row.QuerySelector("[data-testid=approved]")!.TextContent.Trim());
        Assert.Equal(expected, string.Join(' ', row.QuerySelector("[data-testid=rag]")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Once_every_return_is_approved_and_the_sro_says_go_both_gates_are_complete_with_the_dca()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var factory = new ReadinessFactory(settings: ApprovalDriver.SmtpSettings(smtp));
        var driver = new ApprovalDriver(factory, smtp);
        foreach (var area in new[] { "METCC", "TDIU", "LRT" }) await driver.SubmitAndDecideAsync("CRS-LAUNCH", area);
        await driver.DispatchAsync();
        var sro = new Browser(factory.CreateBrowser());
        await ApprovalDriver.DecideAsync(sro, await sro.GetAsync(driver.LinkFor("sro.contact@readiness.demo")), "Go", "All areas ready", new() { ["Form.Dca"] = "AmberGreen" });

        var pmo = await driver.SignedInAsync(Pmo);
        var page = await pmo.GetAsync("/Portfolio/Tracker?Programme=CONTACT-RESOLUTION");

        var readiness = page.QuerySelector("tr[data-release='CRS-LAUNCH'][data-gate='Readiness']")!;
        Assert.EndsWith("Complete", Text(readiness, "status"), StringComparison.Ordinal);
        Assert.Equal("3 of 3", Text(readiness, "approved"));
        // The DCA is the SRO's, given at the go / no-go gate: the other gates of the release show none.
        Assert.Equal("–not set", Text(readiness, "dca"));
        var goNoGo = page.QuerySelector("tr[data-release='CRS-LAUNCH'][data-gate='GoNoGo']")!;
        Assert.EndsWith("Complete", Text(goNoGo, "status"), StringComparison.Ordinal);
        Assert.Equal("Amber/Green", Text(goNoGo, "dca"));
        var review = page.QuerySelector("tr[data-release='CRS-LAUNCH'][data-gate='PostGoLiveReview']")!;
        Assert.Equal("–not set", Text(review, "dca"));
    }

    [Fact]
    public async Task A_team_lead_cannot_open_the_tracker_and_an_sro_can()
    {
        var lead = await (await fixture.SignedInAsync("tl.custody@readiness.demo")).GetRawAsync("/Portfolio/Tracker");
        Assert.Equal(HttpStatusCode.Redirect, lead.StatusCode);
        Assert.Contains("AccessDenied", lead.Headers.Location!.ToString(), StringComparison.Ordinal);

        var sro = await (await fixture.SignedInAsync("sro.connect@readiness.demo")).GetRawAsync("/Portfolio/Tracker");
        Assert.Equal(HttpStatusCode.OK, sro.StatusCode);
    }

    [Fact]
    public async Task The_number_of_sql_commands_stays_flat_as_releases_are_added()
    {
        await using var factory = new ReadinessFactory(); // its own database: this test adds releases
        var few = await CountCommandsAsync(factory);
        await factory.WithDbAsync(async db =>
        {
            var programme = await db.Programmes.FirstAsync();
            var sro = await db.Releases.Select(r => r.SroUserId).FirstAsync();
            var area = await db.BusinessAreas.Select(a => a.Id).FirstAsync();
            var prerequisite = await db.Releases.Select(r => r.Id).FirstAsync();
            for (var i = 0; i < 5; i++)
            {
                var release = new Release(programme.Id, $"PERF-{i}", $"Perf {i}", "", new DateOnly(2026, 9, 1), sro, ReleaseStatus.Planned);
                db.Releases.Add(release);
                await db.SaveChangesAsync();
                db.Gates.Add(new Gate(release.Id, GateKind.Readiness, "Business readiness", -28, null));
                db.Gates.Add(new Gate(release.Id, GateKind.GoNoGo, "Go / no-go", -7, null));
                db.Impacts.Add(new Impact(release.Id, area, 10, ImpactLevel.Low, 1, 1));
                db.ReleaseDependencies.Add(new ReleaseDependency(release.Id, prerequisite, ""));
            }
            return await db.SaveChangesAsync();
        });
        var more = await CountCommandsAsync(factory);

        Assert.Equal(few.Rows + 10, more.Rows);
        Assert.InRange(few.Commands, 1, 4);
        Assert.Equal(few.Commands, more.Commands);
    }

    [Fact]
    public async Task The_unfiltered_tracker_compiled_once_pages_exactly_as_the_query_built_for_a_filter_does()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var tracker = scope.ServiceProvider.GetRequiredService<GateTracker>();
        // An unknown sort key is the risk order too, but goes through the filter-built query.
        var built = new TrackerFilter(Sort: "no-such-column");

        var first = await tracker.PageAsync(new TrackerFilter(), CancellationToken.None);
        Assert.True(first.Pages > 1, $"The demo should fill more than one page, not {first.Pages}.");
        for (var page = 0; page <= first.Pages + 1; page++) // 0 and one past the end are clamped
        {
            var compiled = await tracker.PageAsync(new TrackerFilter(Page: page), CancellationToken.None);
            var other = await tracker.PageAsync(built with { Page = page }, CancellationToken.None);
            Assert.Equal((other.Page, other.Total), (compiled.Page, compiled.Total));
            Assert.Equal(JsonSerializer.Serialize(other.Rows), JsonSerializer.Serialize(compiled.Rows));
        }
    }

    public static TheoryData<string, TrackerFilter> RiskOrderFilters => new()
    {
        { "area", new TrackerFilter(Area: "CJ") },
        { "overdue", new TrackerFilter(Status: GateStatus.Overdue) },
        { "due this week", new TrackerFilter(Status: GateStatus.DueThisWeek) },
        { "not due", new TrackerFilter(Status: GateStatus.NotDue) },
        { "complete", new TrackerFilter(Status: GateStatus.Complete) },
        { "open", new TrackerFilter(OpenOnly: true) },
        { "open and complete", new TrackerFilter(Status: GateStatus.Complete, OpenOnly: true) },
        { "not scored", new TrackerFilter(Rag: "None") },
        { "not scored and open", new TrackerFilter(Rag: "None", OpenOnly: true) },
        { "programme", new TrackerFilter(Programme: "CONNECT") },
        { "release", new TrackerFilter(Release: "SOH-R4") },
        { "dates", new TrackerFilter(From: new DateOnly(2026, 6, 1), To: new DateOnly(2027, 3, 31)) },
        { "not due before a date", new TrackerFilter(Status: GateStatus.NotDue, To: new DateOnly(2027, 6, 30)) },
        { "overdue from a date", new TrackerFilter(Status: GateStatus.Overdue, From: new DateOnly(2026, 1, 1)) },
        { "to the last day", new TrackerFilter(To: DateOnly.MaxValue) },
        { "area, status and programme", new TrackerFilter(Programme: "CONNECT", Area: "CJ", Status: GateStatus.NotDue) },
    };

    [Theory]
    [MemberData(nameof(RiskOrderFilters))]
    public async Task A_filter_in_the_risk_order_compiled_once_pages_exactly_as_the_query_built_for_it_does(string name, TrackerFilter filter)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        await AssertCompiledPagesAsBuiltAsync(scope.ServiceProvider.GetRequiredService<GateTracker>(), name, filter);
    }

    [Fact]
    public async Task Due_from_and_to_one_gates_due_day_keep_the_gates_due_that_day_compiled_as_built()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var tracker = scope.ServiceProvider.GetRequiredService<GateTracker>();
        var day = (await tracker.PageAsync(new TrackerFilter(), CancellationToken.None)).Rows[0].DueOn;

        var page = await AssertCompiledPagesAsBuiltAsync(tracker, "one day", new TrackerFilter(From: day, To: day));

        Assert.NotEmpty(page.Rows);
        Assert.All(page.Rows, r => Assert.Equal(day, r.DueOn));
    }

    /// <summary>Every page of <paramref name="filter"/> in the risk order, compiled, against the query built for it; returns page 1.</summary>
    private static async Task<TrackerPage> AssertCompiledPagesAsBuiltAsync(GateTracker tracker, string name, TrackerFilter filter)
    {
        // An unknown sort key is the risk order too, but goes through the filter-built query.
        var built = filter with { Sort = "no-such-column" };
        var first = await tracker.PageAsync(filter, CancellationToken.None);
        for (var page = 1; page <= first.Pages + 1; page++)
        {
            var compiled = await tracker.PageAsync(filter with { Page = page }, CancellationToken.None);
            var other = await tracker.PageAsync(built with { Page = page }, CancellationToken.None);
            Assert.True((other.Page, other.Total) == (compiled.Page, compiled.Total), $"{name}, page {page}: {(compiled.Page, compiled.Total)}, built {(other.Page, other.Total)}");
            Assert.Equal(JsonSerializer.Serialize(other.Rows), JsonSerializer.Serialize(compiled.Rows));
        }
        return first;
    }

    [Fact]
    public async Task The_risk_order_filters_find_gates_in_the_demo_so_their_comparison_compares_rows()
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var tracker = scope.ServiceProvider.GetRequiredService<GateTracker>();
        var empty = new List<string>();
        foreach (var row in RiskOrderFilters)
        {
            var (name, filter) = ((string)row[0], (TrackerFilter)row[1]);
            if ((await tracker.PageAsync(filter, CancellationToken.None)).Total == 0 && name != "open and complete") empty.Add(name);
        }
        Assert.Empty(empty);
    }

    private static async Task<(int Rows, int Commands)> CountCommandsAsync(ReadinessFactory factory)
    {
        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<ReadinessDbContext>();
        factory.UseDatabase(options).AddInterceptors(counter);
        await using var db = new ReadinessDbContext(options.Options);
        var tracker = new GateTracker(db, factory.Services.GetRequiredService<ReadinessClock>());
        await tracker.RowsAsync(new TrackerFilter(), CancellationToken.None);
        counter.Count = 0;
        var rows = await tracker.RowsAsync(new TrackerFilter(), CancellationToken.None);
        return (rows.Count, counter.Count);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
