using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The change heatmap on the seeded portfolio (today is Monday 2 March 2026; CONNECT Phase 1 goes live on Thursday
/// 26 March, so its go-live week starts Monday 23 March). Custody is impacted by Phase 1 only (1,400 people, High).
/// </summary>
public sealed class HeatmapTests : IDisposable
{
    private const string Pmo = "pmo@readiness.demo";
    private const string GoLiveWeek = "2026-03-23";
    private readonly List<ReadinessFactory> _factories = [];

    private ReadinessFactory App(Dictionary<string, string?>? settings = null)
    {
        var f = new ReadinessFactory(settings: settings);
        _factories.Add(f);
        return f;
    }

    public void Dispose()
    {
        foreach (var f in _factories) f.Dispose();
    }

    private static async Task<Browser> SignedInAsync(ReadinessFactory app, string email = Pmo)
    {
        var browser = new Browser(app.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    private static IElement Cell(IDocument page, string area, string week) =>
        page.QuerySelector($"td[data-area='{area}'][data-week='{week}']") ?? throw new Xunit.Sdk.XunitException($"No cell for {area} {week}");

    private static decimal Load(IElement cell) => decimal.Parse(cell.GetAttribute("data-load")!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Cells_carry_area_week_and_load_from_go_live_training_and_nested_areas()
    {
        var page = await (await SignedInAsync(App())).GetAsync("/Portfolio/Heatmap");

        var weeks = page.QuerySelectorAll("thead th[scope='col']").Skip(1).ToList();
        Assert.Equal(26, weeks.Count);
        Assert.Equal("2026-03-02", page.QuerySelectorAll("td[data-week]")[0].GetAttribute("data-week"));
        Assert.Equal(4200m, Load(Cell(page, "CUSTODY", GoLiveWeek)));           // 1,400 × High (3)
        Assert.Equal(2625m, Load(Cell(page, "CUSTODY", "2026-03-16")));         // 1,400 × 7.5 h ÷ 4 weeks of training
        Assert.Equal(2100m, Load(Cell(page, "CUSTODY", "2026-03-30")));         // hypercare: 1,400 × 0.5 × 3
        Assert.Equal(4200m + 2850m + 1260m, Load(Cell(page, "CJ", GoLiveWeek))); // Criminal Justice = Custody + Case + Property
        Assert.Contains("Over", Cell(page, "CUSTODY", GoLiveWeek).TextContent);  // 4,200 over the default 4,000, said in words
        Assert.Equal("/Portfolio/Heatmap/Cell?area=CUSTODY&week=" + GoLiveWeek, Cell(page, "CUSTODY", GoLiveWeek).QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("tbody th[scope='row']"));
    }

    [Fact]
    public async Task Later_moves_thirteen_weeks_and_the_level_filter_hides_sub_areas()
    {
        var browser = await SignedInAsync(App());
        var page = await browser.GetAsync("/Portfolio/Heatmap");
        var later = page.QuerySelector("a[data-testid='later']")!.GetAttribute("href")!;
        Assert.Equal("/Portfolio/Heatmap?from=2026-06-01", later);
        var top = await browser.GetAsync("/Portfolio/Heatmap?level=0");
        Assert.NotNull(top.QuerySelector("td[data-area='FLP']"));
        Assert.Null(top.QuerySelector("td[data-area='CUSTODY']"));
    }

    [Fact]
    public async Task A_cell_lists_the_releases_that_make_it_up_with_their_contribution()
    {
        var browser = await SignedInAsync(App());
        var page = await browser.GetAsync($"/Portfolio/Heatmap/Cell?area=BCU-CW&week={GoLiveWeek}");
        var rows = page.QuerySelectorAll("tr[data-release]").ToDictionary(r => r.GetAttribute("data-release")!,
            r => decimal.Parse(r.QuerySelector("td[data-hours]")!.GetAttribute("data-hours")!, CultureInfo.InvariantCulture));
        Assert.Equal(1650m * 2, rows["CONNECT-P1"]);   // go-live week, Medium
        Assert.Equal(950m * 4 / 4, rows["LD-WAVE1"]);   // last training week before its go-live on 2 April
        var heat = await browser.GetAsync("/Portfolio/Heatmap");
        Assert.Equal(rows.Values.Sum(), Load(Cell(heat, "BCU-CW", GoLiveWeek)));
    }

    [Fact]
    public async Task Csv_and_excel_exports_hold_the_same_values_as_the_page()
    {
        var browser = await SignedInAsync(App());
        var csvResponse = await browser.GetRawAsync("/Portfolio/Heatmap?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        using (var csv = CsvReader.FromText(await csvResponse.Content.ReadAsStringAsync()))
        {
            var found = false;
            while (csv.Read())
            {
                if (csv.GetString(0) != "CUSTODY") continue;
                var column = csv.GetFieldIndex(GoLiveWeek);
                Assert.Equal("4200", csv.GetString(column));
                Assert.Equal("CJ", csv.GetString(2));
                found = true;
            }
            Assert.True(found);
        }

        var xlsx = await browser.GetRawAsync("/Portfolio/Heatmap?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheet("Heatmap");
        var col = sheet.Row(1).CellsUsed().Single(c => c.DataType == XLDataType.DateTime && c.GetDateTime() == new DateTime(2026, 3, 23)).Address.ColumnNumber;
        var row = sheet.Column(1).CellsUsed().Single(c => c.GetString() == "CUSTODY").Address.RowNumber;
        Assert.Equal(4200d, sheet.Cell(row, col).GetDouble());
    }

    [Fact]
    public async Task Every_cell_is_shaded_on_one_scale_by_load_over_tolerance_with_a_legend_and_the_words_kept()
    {
        var page = await (await SignedInAsync(App())).GetAsync("/Portfolio/Heatmap");

        string Step(IElement cell) => cell.GetAttribute("data-step")!;
        // Tolerance 4,000: 4,200 is over, 3,250 (81%) near, 2,625 (66%) the fourth step below near, 0 no change.
        Assert.Equal("6", Step(Cell(page, "CUSTODY", GoLiveWeek)));
        Assert.Contains("app-heat-6", Cell(page, "CUSTODY", GoLiveWeek).ClassName, StringComparison.Ordinal);
        Assert.Equal("4", Step(Cell(page, "CUSTODY", "2026-03-16")));
        Assert.DoesNotContain("Over", Cell(page, "CUSTODY", "2026-03-16").TextContent, StringComparison.Ordinal);
        Assert.Equal("0", Step(Cell(page, "FLEET", GoLiveWeek)));
        var shaded = page.QuerySelectorAll("td[data-step]").Select(Step).Distinct().Count();
        Assert.True(shaded >= 5, $"only {shaded} shades are used: the map would not read as a heatmap");
        var legend = page.QuerySelectorAll("[data-testid=legend] li").Select(li => li.ClassName).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"app-heat-{i}"), legend);
    }

    [Fact]
    public async Task The_excel_export_shades_each_cell_with_the_pages_colour_and_has_a_key()
    {
        var browser = await SignedInAsync(App());
        var page = await browser.GetAsync("/Portfolio/Heatmap");

        var xlsx = await browser.GetRawAsync("/Portfolio/Heatmap?handler=Xlsx");
        using var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheet("Heatmap");
        var col = sheet.Row(1).CellsUsed().Single(c => c.DataType == XLDataType.DateTime && c.GetDateTime() == new DateTime(2026, 3, 23)).Address.ColumnNumber;
        var row = sheet.Column(1).CellsUsed().Single(c => c.GetString() == "CUSTODY").Address.RowNumber;
        var steps = Readiness.Web.Pages.Portfolio.HeatScale.Steps(0.8m);
        var step = steps[int.Parse(Cell(page, "CUSTODY", GoLiveWeek).GetAttribute("data-step")!, CultureInfo.InvariantCulture)];
        Assert.Equal(step.Fill.TrimStart('#'), sheet.Cell(row, col).Style.Fill.BackgroundColor.Color.ToArgb().ToString("X8", CultureInfo.InvariantCulture)[2..]);
        var css = await browser.Client.GetStringAsync("/css/site.css");
        Assert.Contains($".{step.Css} {{ background: {step.Fill.ToLowerInvariant()};", css, StringComparison.Ordinal); // the page draws the same colour
        Assert.Equal(steps.Count, book.Worksheet("Key").Column(2).CellsUsed().Count() - 1);
    }

    [Fact]
    public async Task The_release_page_warns_when_its_go_live_puts_an_area_over_tolerance()
    {
        var low = await SignedInAsync(App(new() { ["Heatmap:Tolerance"] = "100" }));
        var page = await low.GetAsync("/Releases/CONNECT-P1");
        var warning = page.QuerySelector("[data-testid='change-load-warning']");
        Assert.NotNull(warning);
        Assert.Contains("Custody", warning!.TextContent);
        Assert.NotNull(warning.QuerySelector($"a[href='/Portfolio/Heatmap/Cell?area=CUSTODY&week={GoLiveWeek}']"));

        var high = await SignedInAsync(App(new() { ["Heatmap:Tolerance"] = "1000000" }));
        Assert.Null((await high.GetAsync("/Releases/CONNECT-P1")).QuerySelector("[data-testid='change-load-warning']"));
    }

    [Fact]
    public async Task A_team_lead_is_refused_the_heatmap()
    {
        var browser = await SignedInAsync(App(), "tl.custody@readiness.demo");
        var response = await browser.GetRawAsync("/Portfolio/Heatmap");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location?.ToString() ?? "");
    }
}

/// <summary>
/// The SRO's decision pack shows the change-load warning. CRS-LAUNCH trains 2,000 MetCC staff for 12 hours
/// (6,000 person-hours a week for four weeks), over the default tolerance of 4,000.
/// </summary>
public sealed class SroPackHeatmapTests : EmailedAppTest
{
    private const string Release = "CRS-LAUNCH";
    private const string Sro = "sro.contact@readiness.demo";

    [Fact]
    public async Task The_decision_pack_from_the_email_link_and_the_inbox_shows_the_change_load_warning()
    {
        foreach (var area in new[] { "METCC", "TDIU", "LRT" }) await Driver.SubmitAndDecideAsync(Release, area);
        await Driver.DispatchAsync();

        var fromLink = await new Browser(Factory.CreateBrowser()).GetAsync(Driver.LinkFor(Sro));
        var warning = fromLink.QuerySelector("[data-testid='change-load-warning']");
        Assert.NotNull(warning);
        Assert.Contains("MetCC", warning!.TextContent, StringComparison.OrdinalIgnoreCase);

        var requestId = await Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.Kind == Readiness.Core.Approvals.ApprovalKind.GoLive)
            .Select(r => r.Id).SingleAsync());
        var sro = await Driver.SignedInAsync(Sro);
        var decide = await sro.GetAsync($"/Approvals/Decide/{requestId}");
        Assert.NotNull(decide.QuerySelector("[data-testid='change-load-warning']"));
    }
}
