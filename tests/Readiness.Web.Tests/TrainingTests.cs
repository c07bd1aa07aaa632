using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Portfolio;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// Training need against capacity on the seeded demo (today Monday 2 March 2026). MetCC trains 2,000 people for CC-REPLACE
/// (15 h each, go-live Sun 31 May: 7,500 person-hours a week from 27 April) and for CRS-LAUNCH (12 h each, go-live Sat 20 June:
/// 6,000 a week from 18 May): in the week of 18 May it needs 13,500 against 8,500 available (10,000 hours from 13 April, 15%
/// kept for BAU training) — the over-capacity week behind the heatmap's hot spot there.
/// </summary>
public sealed class TrainingTests : IDisposable
{
    private const string Pmo = "pmo@readiness.demo";
    private const string HotWeek = "2026-05-18";
    private readonly ReadinessFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<Browser> SignedInAsync(string email = Pmo)
    {
        var browser = new Browser(_app.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    private static IElement Cell(IDocument page, string area, string week) =>
        page.QuerySelector($"td[data-area='{area}'][data-week='{week}']") ?? throw new Xunit.Sdk.XunitException($"No cell for {area} {week}");

    private static decimal Number(IElement cell, string attribute) => decimal.Parse(cell.GetAttribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_over_capacity_week_explains_the_heatmaps_hot_spot_in_words_and_colour()
    {
        var browser = await SignedInAsync();
        var page = await browser.GetAsync($"/Portfolio/Training?from={HotWeek}");

        var hot = Cell(page, "METCC", HotWeek);
        Assert.Equal(13500m, Number(hot, "data-need"));
        Assert.Equal(8500m, Number(hot, "data-available"));
        Assert.Contains("Over", hot.TextContent, StringComparison.Ordinal);          // in words…
        Assert.Contains("app-heat-6", hot.ClassName, StringComparison.Ordinal);     // …and on the heatmap's scale
        Assert.Contains("of 8,500", hot.TextContent, StringComparison.Ordinal);
        var heatmap = await browser.GetAsync($"/Portfolio/Heatmap?from={HotWeek}");
        Assert.Contains("Over", Cell(heatmap, "METCC", HotWeek).TextContent, StringComparison.Ordinal);

        var now = await browser.GetAsync("/Portfolio/Training");
        var custody = Cell(now, "CUSTODY", "2026-03-16");                          // 1,400 × 7.5 h ÷ 4 against 2,700 (10% BAU)
        Assert.Equal(2625m, Number(custody, "data-need"));
        Assert.Contains("Near", custody.TextContent, StringComparison.Ordinal);
        var unrecorded = Cell(now, "BCU-CN", "2026-03-02");                         // need, but no capacity recorded
        Assert.Equal(1006.25m + 700m, Number(unrecorded, "data-need"));             // CONNECT Phase 1 and Local Despatch wave 1
        Assert.Equal("", unrecorded.GetAttribute("data-available"));
        Assert.Contains("No capacity", unrecorded.TextContent, StringComparison.Ordinal);
        Assert.Contains("app-heat-unknown", unrecorded.ClassName, StringComparison.Ordinal);
        Assert.NotNull(now.QuerySelector("[data-testid=legend] li.app-heat-unknown"));
    }

    [Fact]
    public async Task A_cell_lists_the_releases_training_in_it_and_the_capacity_in_force()
    {
        var page = await (await SignedInAsync()).GetAsync($"/Portfolio/Training/Cell?area=METCC&week={HotWeek}");
        var parts = page.QuerySelectorAll("tr[data-release]").ToDictionary(r => r.GetAttribute("data-release")!, r => Number(r.QuerySelector("td[data-hours]")!, "data-hours"));
        Assert.Equal(new Dictionary<string, decimal> { ["CC-REPLACE"] = 7500m, ["CRS-LAUNCH"] = 6000m }, parts);
        var capacity = page.QuerySelector("tr[data-capacity='METCC']")!.TextContent;
        Assert.Contains("Mon 13 Apr 2026", capacity, StringComparison.Ordinal);
        Assert.Contains("10,000", capacity, StringComparison.Ordinal);
        Assert.Contains("Over capacity", page.QuerySelector("[data-testid=cell-total]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_and_excel_exports_hold_the_pages_values_and_say_the_status_in_words()
    {
        var browser = await SignedInAsync();
        var csvResponse = await browser.GetRawAsync($"/Portfolio/Training?handler=Csv&from={HotWeek}");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("no-store", csvResponse.Headers.CacheControl!.ToString());
        using (var csv = CsvReader.FromText(await csvResponse.Content.ReadAsStringAsync()))
        {
            var found = false;
            while (csv.Read())
            {
                if (csv.GetString(0) != "METCC" || csv.GetString(3) != HotWeek) continue;
                Assert.Equal(["13500", "8500", "Over capacity"], [csv.GetString(4), csv.GetString(5), csv.GetString(6)]);
                found = true;
            }
            Assert.True(found);
        }

        var xlsx = await browser.GetRawAsync($"/Portfolio/Training?handler=Xlsx&from={HotWeek}");
        using var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var need = book.Worksheet("Need");
        var row = need.Column(1).CellsUsed().Single(c => c.GetString() == "METCC").Address.RowNumber;
        Assert.Equal(13500d, need.Cell(row, 4).GetDouble());
        Assert.Equal(8500d, book.Worksheet("Available").Cell(row, 4).GetDouble());
        Assert.Equal("Over capacity", book.Worksheet("Status").Cell(row, 4).GetString());
        Assert.Equal("0C2C84", need.Cell(row, 4).Style.Fill.BackgroundColor.Color.ToArgb().ToString("X8", CultureInfo.InvariantCulture)[2..]);
        Assert.Contains(book.Worksheet("Key").Column(2).CellsUsed(), c => c.GetString() == "Over: above capacity");
    }

    [Fact]
    public async Task The_release_page_warns_when_its_training_falls_in_an_over_capacity_week()
    {
        var browser = await SignedInAsync("sro.contact@readiness.demo");
        var warning = (await browser.GetAsync("/Releases/CRS-LAUNCH")).QuerySelector("[data-testid='training-warning']");
        Assert.NotNull(warning);
        Assert.NotNull(warning!.QuerySelector($"a[href='/Portfolio/Training/Cell?area=METCC&week={HotWeek}']"));
        Assert.Contains("13,500 person-hours of training against 8,500 available (6,000 from this release)", warning.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await browser.GetAsync("/Releases/CRS-LAUNCH/Pack")).QuerySelector("[data-testid='training-warning']"));
        Assert.Null((await browser.GetAsync("/Releases/CONNECT-P1")).QuerySelector("[data-testid='training-warning']")); // Near everywhere, never over
    }

    [Fact]
    public async Task What_if_shows_the_effect_of_moving_go_live_before_anyone_changes_the_date_and_predicts_what_moving_it_does()
    {
        var browser = await SignedInAsync();
        var overview = await browser.GetAsync("/Releases/CRS-LAUNCH");
        Assert.Equal("/Releases/CRS-LAUNCH/WhatIf", overview.QuerySelector("form[data-testid=what-if-form]")!.GetAttribute("action"));
        var audit = await _app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var page = await browser.GetAsync("/Releases/CRS-LAUNCH/WhatIf?weeks=2");

        var training = page.QuerySelector("[data-testid=training-effect]")!;
        Assert.Equal(("2", "0"), (training.GetAttribute("data-now"), training.GetAttribute("data-moved"))); // MetCC and Met Operations on 18 May, then none
        Assert.NotNull(page.QuerySelector($"[data-testid=as-planned] [data-testid=training-weeks] li[data-area='METCC'][data-week='{HotWeek}']"));
        Assert.Contains("Sat 4 Jul 2026 (2 weeks later)", page.QuerySelector("[data-testid=moved-go-live]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 6, 20), await _app.WithDbAsync(db => db.Releases.Where(r => r.Code == "CRS-LAUNCH").Select(r => r.GoLive).SingleAsync()));
        Assert.Equal(audit, await _app.WithDbAsync(db => db.AuditEntries.CountAsync()));

        // Moving the date for real gives exactly the warnings the "what if" showed.
        var predicted = page.QuerySelectorAll("[data-testid=as-moved] [data-testid=load-weeks] li").Select(li => (li.GetAttribute("data-area"), li.GetAttribute("data-week"))).ToList();
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await browser.GetAsync("/Admin/Releases/CRS-LAUNCH")).QuerySelector("form#admin-form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(form, new() { ["GoLive"] = "2026-07-04" })).StatusCode);
        await using var scope = _app.Services.CreateAsyncScope();
        var id = await _app.WithDbAsync(db => db.Releases.Where(r => r.Code == "CRS-LAUNCH").Select(r => r.Id).SingleAsync());
        var actual = await scope.ServiceProvider.GetRequiredService<HeatmapQueries>().WarningAsync(id, CancellationToken.None);
        Assert.Equal(predicted, (actual?.Weeks ?? []).Select(w => ((string?)w.AreaCode, (string?)w.Week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList());
        Assert.Null(await scope.ServiceProvider.GetRequiredService<TrainingQueries>().WarningAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData("99")]
    [InlineData("two")]
    public async Task A_what_if_outside_the_range_says_what_to_enter_and_shows_the_release_as_planned(string weeks)
    {
        var browser = await SignedInAsync();
        var response = await browser.GetRawAsync($"/Releases/CRS-LAUNCH/WhatIf?weeks={weeks}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Browser.ParseAsync(response, "/Releases/CRS-LAUNCH/WhatIf");
        Assert.Contains("whole number of weeks from -26 to 26", page.QuerySelector(".govuk-error-summary a[href='#Weeks']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=as-moved]"));
    }

    [Fact]
    public async Task A_team_lead_is_refused_the_training_view_but_may_ask_what_if_on_a_release_page()
    {
        var lead = await SignedInAsync("tl.custody@readiness.demo");
        var refused = await lead.GetRawAsync("/Portfolio/Training");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("AccessDenied", refused.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetRawAsync("/Releases/CONNECT-P1/WhatIf?weeks=-1")).StatusCode);
        var bcm = await SignedInAsync("bcm.justice@readiness.demo");
        Assert.Equal(HttpStatusCode.OK, (await bcm.GetRawAsync("/Portfolio/Training/Cell?area=CUSTODY&week=2026-03-16")).StatusCode);
    }
}

/// <summary>The SRO's decision pack warns of CRS-LAUNCH's training in MetCC's over-capacity week, from the email link and the inbox.</summary>
public sealed class SroPackTrainingTests : EmailedAppTest
{
    [Fact]
    public async Task The_decision_pack_shows_the_training_warning()
    {
        foreach (var area in new[] { "METCC", "TDIU", "LRT" }) await Driver.SubmitAndDecideAsync("CRS-LAUNCH", area);
        await Driver.DispatchAsync();

        var fromLink = await new Browser(Factory.CreateBrowser()).GetAsync(Driver.LinkFor("sro.contact@readiness.demo"));
        var warning = fromLink.QuerySelector("[data-testid='training-warning']");
        Assert.NotNull(warning);
        Assert.Contains("MetCC", warning!.TextContent, StringComparison.Ordinal);

        var requestId = await Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.Kind == Readiness.Core.Approvals.ApprovalKind.GoLive).Select(r => r.Id).SingleAsync());
        var sro = await Driver.SignedInAsync("sro.contact@readiness.demo");
        Assert.NotNull((await sro.GetAsync($"/Approvals/Decide/{requestId}")).QuerySelector("[data-testid='training-warning']"));
    }
}
