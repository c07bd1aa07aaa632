using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The PMO's capacity page: training capacity with history and the heatmap tolerance, validated, audited before → after,
/// stale-safe, and in effect on the next request (no restart). Central North BCU needs 1,706.25 person-hours of
/// training in the week of 2 March (CONNECT Phase 1 and Local Despatch wave 1) and has no capacity seeded.
/// </summary>
public sealed class CapacityAdminTests : IDisposable
{
    private const string Pmo = "pmo@readiness.demo";
    private const string Page = "/Admin/Areas/BCU-CN/Capacity";
    private readonly List<ReadinessFactory> _apps = [];

    private ReadinessFactory App(Dictionary<string, string?>? settings = null)
    {
        var app = new ReadinessFactory(settings: settings);
        _apps.Add(app);
        return app;
    }

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
    }

    private static async Task<Browser> SignedInAsync(ReadinessFactory app, string email = Pmo)
    {
        var browser = new Browser(app.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    private static IQueryable<Readiness.Core.Portfolio.TrainingCapacity> OfCentralNorth(Readiness.Core.Persistence.ReadinessDbContext db) =>
        db.TrainingCapacities.Where(c => db.BusinessAreas.Any(a => a.Id == c.BusinessAreaId && a.Code == "BCU-CN"));

    private static IHtmlFormElement Form(IDocument page, string id) => (IHtmlFormElement)page.QuerySelector($"form#{id}")!;

    private static async Task<HttpResponseMessage> SaveCapacityAsync(Browser browser, string hours, string share, string from = "2026-03-04", IDocument? shown = null) =>
        await browser.SubmitAsync(Form(shown ?? await browser.GetAsync(Page), "capacity-form"),
            new() { ["Capacity.FromWeek"] = from, ["Capacity.HoursPerWeek"] = hours, ["Capacity.BauSharePercent"] = share });

    private static async Task<IElement> TrainingCellAsync(Browser browser, string area, string week) =>
        (await browser.GetAsync($"/Portfolio/Training?from={week}")).QuerySelector($"td[data-area='{area}'][data-week='{week}']")!;

    private static async Task<IElement> HeatCellAsync(Browser browser, string area, string week) =>
        (await browser.GetAsync($"/Portfolio/Heatmap?from={week}")).QuerySelector($"td[data-area='{area}'][data-week='{week}']")!;

    [Fact]
    public async Task A_capacity_added_from_a_week_is_compared_at_once_kept_as_history_and_audited()
    {
        var app = App();
        var pmo = await SignedInAsync(app);
        Assert.Contains("No capacity", (await TrainingCellAsync(pmo, "BCU-CN", "2026-03-02")).TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveCapacityAsync(pmo, "1000", "0")).StatusCode); // any day of the week: Wed 4 March
        var cell = await TrainingCellAsync(pmo, "BCU-CN", "2026-03-02");
        Assert.Equal("1000", cell.GetAttribute("data-available"));
        Assert.Contains("Over", cell.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveCapacityAsync(pmo, "2500", "20", "2026-03-09")).StatusCode);
        Assert.Contains("Over", (await TrainingCellAsync(pmo, "BCU-CN", "2026-03-02")).TextContent, StringComparison.Ordinal); // the earlier week keeps its row
        Assert.Equal("2000", (await TrainingCellAsync(pmo, "BCU-CN", "2026-03-09")).GetAttribute("data-available"));
        var history = (await pmo.GetAsync(Page)).QuerySelectorAll("[data-testid=capacity-history] tr[data-from]").Select(r => r.GetAttribute("data-from")).ToList();
        Assert.Equal(["2026-03-02", "2026-03-09"], history);

        var summaries = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "area.training-capacity-set").OrderBy(e => e.ChainIndex).Select(e => e.Summary).ToListAsync());
        Assert.Equal("training capacity from 2026-03-02: (none) → 1,000 h a week, 0% for BAU training (1,000 h available)", summaries[0]);
        Assert.Equal(2, summaries.Count);
    }

    [Fact]
    public async Task Changing_and_removing_a_row_are_audited_before_and_after()
    {
        var app = App();
        var pmo = await SignedInAsync(app);
        await SaveCapacityAsync(pmo, "1000", "0");
        var id = await app.WithDbAsync(db => OfCentralNorth(db).Select(c => c.Id).SingleAsync());
        var edit = await pmo.GetAsync($"{Page}?edit={id}");
        Assert.Equal("1000", ((IHtmlInputElement)edit.QuerySelector("#Capacity_HoursPerWeek")!).Value.Split('.')[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(Form(edit, "capacity-form"), new() { ["Capacity.HoursPerWeek"] = "1500" })).StatusCode);
        Assert.Equal("1500", (await TrainingCellAsync(pmo, "BCU-CN", "2026-03-02")).GetAttribute("data-available"));

        var page = await pmo.GetAsync(Page);
        var remove = (IHtmlFormElement)page.QuerySelector("tr[data-from='2026-03-02'] form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(remove, [])).StatusCode);
        Assert.Equal("", (await TrainingCellAsync(pmo, "BCU-CN", "2026-03-02")).GetAttribute("data-available"));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == "BCU-CN").OrderBy(e => e.ChainIndex).Select(e => e.Action + ": " + e.Summary).ToListAsync());
        Assert.Contains(audit, a => a.Contains("1,000 h a week, 0% for BAU training (1,000 h available) → 1,500 h a week", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.StartsWith("area.training-capacity-removed", StringComparison.Ordinal) && a.EndsWith("→ (none)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1000", "150", "Capacity_BauSharePercent", "share reserved for business-as-usual training as a percentage, from 0 to 100")]
    [InlineData("-5", "10", "Capacity_HoursPerWeek", "trainer-led hours the area can absorb in a week")]
    [InlineData("lots", "10", "Capacity_HoursPerWeek", "")]
    public async Task A_bad_capacity_names_its_field_and_changes_nothing(string hours, string share, string field, string words)
    {
        var app = App();
        var pmo = await SignedInAsync(app);
        var response = await SaveCapacityAsync(pmo, hours, share);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Browser.ParseAsync(response, Page);
        Assert.Contains(words, page.QuerySelector($".govuk-error-summary a[href='#{field}']")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => OfCentralNorth(db).AnyAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action.StartsWith("area.training"))));
    }

    [Fact]
    public async Task Two_PMOs_saving_from_the_same_page_get_one_winner_and_a_clear_message()
    {
        var app = App();
        var first = await SignedInAsync(app);
        var second = await SignedInAsync(app);
        var shownToFirst = await first.GetAsync(Page);
        var shownToSecond = await second.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveCapacityAsync(first, "1000", "0", shown: shownToFirst)).StatusCode);
        var response = await SaveCapacityAsync(second, "3000", "0", shown: shownToSecond);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("changed by someone else", (await Browser.ParseAsync(response, Page)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1000m, await app.WithDbAsync(db => OfCentralNorth(db).Select(c => c.HoursPerWeek).SingleAsync()));
    }

    [Fact]
    public async Task An_areas_tolerance_set_on_the_page_changes_the_heatmap_at_once_and_empty_returns_to_configuration()
    {
        var app = App();
        var pmo = await SignedInAsync(app);
        const string custody = "/Admin/Areas/CUSTODY/Capacity";
        Assert.Contains("Over", (await HeatCellAsync(pmo, "CUSTODY", "2026-03-23")).TextContent, StringComparison.Ordinal); // 4,200 against 4,000

        var saved = await pmo.SubmitAsync(Form(await pmo.GetAsync(custody), "tolerance-form"), new() { ["Tolerance.ChangeTolerance"] = "5000" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain("Over", (await HeatCellAsync(pmo, "CUSTODY", "2026-03-23")).TextContent, StringComparison.Ordinal);
        Assert.Equal("5000", (await pmo.GetAsync("/Admin/Capacity")).QuerySelector("tr[data-area='CUSTODY'] td[data-tolerance]")!.GetAttribute("data-tolerance"));

        await pmo.SubmitAsync(Form(await pmo.GetAsync(custody), "tolerance-form"), new() { ["Tolerance.ChangeTolerance"] = "" });
        Assert.Contains("Over", (await HeatCellAsync(pmo, "CUSTODY", "2026-03-23")).TextContent, StringComparison.Ordinal);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "area.tolerance-set").OrderBy(e => e.ChainIndex).Select(e => e.Summary).ToListAsync());
        Assert.Equal(["change tolerance: (configured) → 5,000", "change tolerance: 5,000 → (configured)"], audit);

        var bad = await pmo.SubmitAsync(Form(await pmo.GetAsync(custody), "tolerance-form"), new() { ["Tolerance.ChangeTolerance"] = "0" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await Browser.ParseAsync(bad, custody)).QuerySelector(".govuk-error-summary a[href='#Tolerance_ChangeTolerance']"));
    }

    [Fact]
    public async Task The_configured_per_area_tolerance_still_applies_and_a_value_set_on_the_page_replaces_it()
    {
        var app = App(new() { ["Heatmap:AreaTolerances:CUSTODY"] = "5000" });
        var pmo = await SignedInAsync(app);
        Assert.DoesNotContain("Over", (await HeatCellAsync(pmo, "CUSTODY", "2026-03-23")).TextContent, StringComparison.Ordinal);
        Assert.Contains("Heatmap:AreaTolerances:CUSTODY", (await pmo.GetAsync("/Admin/Capacity")).QuerySelector("tr[data-area='CUSTODY']")!.TextContent, StringComparison.Ordinal);

        await pmo.SubmitAsync(Form(await pmo.GetAsync("/Admin/Areas/CUSTODY/Capacity"), "tolerance-form"), new() { ["Tolerance.ChangeTolerance"] = "4100" });
        Assert.Contains("Over", (await HeatCellAsync(pmo, "CUSTODY", "2026-03-23")).TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bcm.justice@readiness.demo")]
    [InlineData("sro.connect@readiness.demo")]
    public async Task Only_the_PMO_opens_the_capacity_pages(string email)
    {
        var browser = await SignedInAsync(App(), email);
        foreach (var url in new[] { "/Admin/Capacity", Page })
        {
            var response = await browser.GetRawAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("AccessDenied", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetRawAsync("/Portfolio/Training")).StatusCode);
    }
}
