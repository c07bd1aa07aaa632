using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using ClosedXML.Excel;
using CsvHelper;
using Ical.Net;
using Readiness.Web.Pages.Portfolio;
using Calendar = Ical.Net.Calendar;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Portfolio;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>The tracker's CSV and Excel exports honour the filters; the iCalendar feed parses back and needs a valid token.</summary>
public sealed class PortfolioExportTests(PortfolioFixture fixture) : IClassFixture<PortfolioFixture>
{
    private const string Pmo = "pmo@readiness.demo";

    private async Task<byte[]> DownloadAsync(string url, string expectedType)
    {
        var response = await (await fixture.SignedInAsync(Pmo)).GetRawAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task The_csv_export_has_the_filtered_gates_with_their_due_dates_statuses_and_flags()
    {
        var bytes = await DownloadAsync("/Portfolio/Tracker?handler=Csv&Programme=LOCAL-DESPATCH", "text/csv");

        var records = CsvRecords.Read(bytes);
        Assert.Equal(9, records.Count);
        Assert.All(records, r => Assert.StartsWith("LD-WAVE", r["Release"], StringComparison.Ordinal));
        var wave1 = records.Single(r => r["Release"] == "LD-WAVE1" && (r["Gate"]).StartsWith("Business readiness", StringComparison.Ordinal));
        Assert.Equal("2026-03-05", wave1["Due"]);
        Assert.Equal("Due this week", wave1["Status"]);
        Assert.Equal("5", wave1["Impacted areas"]);
        Assert.Equal("No", wave1["Overdue"]);
        var wave2 = records.First(r => r["Release"] == "LD-WAVE2");
        Assert.Contains("depends on CC-REPLACE, which is late", wave2["Dependencies"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_excel_export_opens_with_typed_cells_for_the_filtered_gates()
    {
        var bytes = await DownloadAsync("/Portfolio/Tracker?handler=Excel&Programme=CONNECT&Status=Overdue", TrackerExport.ExcelType);

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet("Gate tracker");
        Assert.Equal(TrackerExport.Headers, Enumerable.Range(1, TrackerExport.Headers.Count).Select(c => sheet.Cell(1, c).GetString()).ToList());
        Assert.Equal(2, sheet.LastRowUsed().RowNumber()); // only CONNECT-P1's readiness gate is overdue
        Assert.Equal("CONNECT-P1", sheet.Cell(2, 2).GetString());
        Assert.Equal(new DateTime(2026, 3, 26), sheet.Cell(2, 4).GetDateTime());
        Assert.Equal(new DateTime(2026, 2, 26), sheet.Cell(2, 6).GetDateTime());
        Assert.Equal("Overdue", sheet.Cell(2, 7).GetString());
        Assert.Equal(15, sheet.Cell(2, 8).GetValue<int>());
        Assert.Equal(0, sheet.Cell(2, 9).GetValue<int>());
        Assert.Equal("Not scored", sheet.Cell(2, 11).GetString());
        Assert.Equal("Yes", sheet.Cell(2, 13).GetString());
    }

    [Fact]
    public async Task The_streamed_excel_export_is_a_dated_attachment_that_is_never_cached_and_keeps_its_bold_frozen_header()
    {
        var response = await (await fixture.SignedInAsync(Pmo)).GetRawAsync("/Portfolio/Tracker?handler=Excel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("gate-tracker-2026-03-02.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet("Gate tracker");
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.False(sheet.Cell(2, 1).Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal("yyyy-mm-dd", sheet.Cell(2, 4).Style.DateFormat.Format);
        Assert.Equal(36, sheet.Column(3).Width, 1);
    }

    private async Task<string> FeedLinkAsync(string programme)
    {
        var page = await (await fixture.SignedInAsync(Pmo)).GetAsync("/Portfolio/Tracker");
        var href = page.QuerySelectorAll("a[data-testid=feed]").Select(a => a.GetAttribute("href")!)
            .Single(h => h.Contains($"programme={programme}&", StringComparison.Ordinal));
        return new Uri(href).PathAndQuery;
    }

    [Fact]
    public async Task The_calendar_feed_parses_back_with_an_all_day_event_per_gate_and_go_live_with_stable_uids()
    {
        var link = await FeedLinkAsync("CONNECT");
        var anonymous = new Browser(fixture.Factory.CreateBrowser()); // a calendar client has no cookie

        var response = await anonymous.GetRawAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(8, calendar.Events.Count); // 2 releases × (3 gates + go-live)
        var gateId = await fixture.Factory.WithDbAsync(db => db.Gates.Where(g => g.Release!.Code == "CONNECT-P1" && g.Kind == GateKind.Readiness).Select(g => g.Id).SingleAsync());
        var readiness = calendar.Events.Single(e => e.Uid == $"gate-{gateId}@readiness");
        Assert.Equal("CONNECT-P1: Business readiness (T-28)", readiness.Summary);
        Assert.Equal(new DateOnly(2026, 2, 26), readiness.DtStart!.Date);
        Assert.False(readiness.DtStart.HasTime);
        Assert.NotNull(readiness.DtStamp);
        var goLive = calendar.Events.Single(e => e.Summary == "CONNECT-P1 go-live (T0)");
        Assert.Equal(new DateOnly(2026, 3, 26), goLive.DtStart!.Date);

        var again = Calendar.Load(await (await anonymous.GetRawAsync(link)).Content.ReadAsStringAsync())!;
        Assert.Equal(calendar.Events.Select(e => e.Uid).Order(), again.Events.Select(e => e.Uid).Order());
    }

    [Fact]
    public async Task The_area_feed_has_the_releases_impacting_that_area()
    {
        var link = (await FeedLinkAsync("CONNECT")).Replace("programme=CONNECT", "area=METCC", StringComparison.Ordinal);
        var calendar = Calendar.Load(await (await new Browser(fixture.Factory.CreateBrowser()).GetRawAsync(link)).Content.ReadAsStringAsync())!;

        var releases = calendar.Events.Where(e => e.Summary!.EndsWith("go-live (T0)", StringComparison.Ordinal)).Select(e => e.Summary!.Split(' ')[0]).Order().ToList();
        Assert.Contains("CC-REPLACE", releases);
        Assert.DoesNotContain("CONNECT-P1", releases);
    }

    public static TheoryData<string> BadTokens => new() { "forged", "missing", "other-user" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_feed_url_with_a_bad_token_is_refused(string kind)
    {
        var link = await FeedLinkAsync("CONNECT");
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var url = kind switch
        {
            // Another first character: "A" in place of an "A" (1 token in 64) forged nothing and the test failed now and then.
            "forged" => link.Replace(token, (token[0] == 'A' ? "B" : "A") + token[1..], StringComparison.Ordinal),
            "missing" => link[..link.IndexOf("&token=", StringComparison.Ordinal)],
            _ => System.Text.RegularExpressions.Regex.Replace(link, "u=[^&]+", "u=someone-else"),
        };

        var response = await new Browser(fixture.Factory.CreateBrowser()).GetRawAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("BEGIN:VCALENDAR", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_exports_to_csv_with_the_same_filter_as_the_page()
    {
        await new ApprovalDriver(fixture.Factory, null!).SubmitReturnAsync("SOH-R4", "TDIU");
        var browser = await fixture.SignedInAsync(Pmo);
        var page = await browser.GetAsync("/Audit?Release=SOH-R4");
        var shown = page.QuerySelectorAll("tr[data-chain-index]").Select(tr => tr.GetAttribute("data-chain-index")!).ToList();
        Assert.NotEmpty(shown);
        var export = page.QuerySelector("a[data-testid=export-csv]")!.GetAttribute("href")!;

        var response = await browser.GetRawAsync(export);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = CsvRecords.Read(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(shown, rows.Select(r => r["#"]).ToList());
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r["Action"])));
    }

    /// <summary>The defect: exports (the audit one holds IP addresses) could be kept by a browser or proxy cache.</summary>
    [Theory]
    [InlineData("/Portfolio/Tracker?handler=Csv")]
    [InlineData("/Portfolio/Tracker?handler=Xlsx")]
    [InlineData("/Portfolio/Heatmap?handler=Csv")]
    [InlineData("/Portfolio/Heatmap?handler=Xlsx")]
    [InlineData("/Audit?handler=Csv")]
    [InlineData("feed")]
    public async Task Every_export_and_feed_is_sent_no_store(string url)
    {
        var target = url == "feed" ? await FeedLinkAsync("CONNECT") : url;
        var browser = url == "feed" ? new Browser(fixture.Factory.CreateBrowser()) : await fixture.SignedInAsync(Pmo);

        var response = await browser.GetRawAsync(target);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control is '{response.Headers.CacheControl}'");
    }
}
