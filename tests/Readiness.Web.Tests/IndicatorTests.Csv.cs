using System.Net;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>CSV upload: all rows or none, every problem named by row and column.</summary>
public sealed partial class IndicatorTests
{
    // Crime recording timeliness (% within 24h) on THRIVE-BCU has seeded readings from T0 (2026-02-09) to today (2026-03-02).
    private const string Crime = "CRIME-RECORDING";

    private async Task<(HttpResponseMessage Response, IDocument? Page, int Before, int After)> UploadAsync(string csv, string code = Crime)
    {
        var id = (await IndicatorAsync(code)).Id;
        var before = await CountAsync(id);
        var pmo = await SignedInAsync(Pmo);
        var url = $"/Indicators/{id}/Upload";
        var form = await pmo.GetAsync(url);
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "File", "readings.csv" },
        };
        var response = await pmo.Client.PostAsync(url, content);
        var page = response.StatusCode == HttpStatusCode.OK ? await Browser.ParseAsync(response, url) : null;
        return (response, page, before, await CountAsync(id));
    }

    private async Task<int> CountAsync(int id) => await _factory.WithDbAsync(db => db.IndicatorReadings.CountAsync(r => r.IndicatorId == id));

    private static string[] Problems(IDocument? page) =>
        page!.QuerySelectorAll(".govuk-error-summary li a").Select(a => a.TextContent.Trim()).ToArray();

    private static string Rows(int count, Func<int, string> row) => "date,value\n" + string.Concat(Enumerable.Range(0, count).Select(i => row(i) + "\n"));

    private static readonly DateOnly BeforeGoLive = new(2026, 2, 8);

    [Fact]
    public async Task A_good_file_imports_every_row()
    {
        var (response, _, before, after) = await UploadAsync("date,value,unit\n2026-02-06,91.5,% within 24h\n2026-02-07,92,\n2026-02-08,90.25,% WITHIN 24H\n");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before + 3, after);
    }

    [Fact]
    public async Task One_bad_row_imports_nothing_and_names_the_row_and_column()
    {
        var csv = Rows(8, i => i == 5 ? $"{Iso(BeforeGoLive.AddDays(-i))},n/a" : $"{Iso(BeforeGoLive.AddDays(-i))},90.{i}");

        var (response, page, before, after) = await UploadAsync(csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, after);
        Assert.Equal(["Row 7, column value: 'n/a' is not a number (use digits and a dot, e.g. 41.2)."], Problems(page));
        Assert.Equal("#File", page!.QuerySelector(".govuk-error-summary li a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("[data-testid=nothing-imported]"));
    }

    [Fact]
    public async Task Every_problem_is_listed_not_just_the_first()
    {
        var (_, page, before, after) = await UploadAsync("date,value\n01/02/2026,90\n2026-02-02,ninety\n");

        Assert.Equal(before, after);
        Assert.Equal(["Row 2, column date: '01/02/2026' is not a date written as YYYY-MM-DD.", "Row 3, column value: 'ninety' is not a number (use digits and a dot, e.g. 41.2)."], Problems(page));
    }

    [Theory]
    [InlineData("day,value\n2026-02-01,90\n")]
    [InlineData("Date,Value\n2026-02-01,90\n")]
    [InlineData("value,date\n90,2026-02-01\n")]
    public async Task Wrong_headers_are_refused(string csv)
    {
        var (_, page, before, after) = await UploadAsync(csv);

        Assert.Equal(before, after);
        Assert.StartsWith("Row 1: The header must be exactly date,value or date,value,unit", Assert.Single(Problems(page)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_other_than_the_indicators_is_refused()
    {
        var (_, page, before, after) = await UploadAsync("date,value,unit\n2026-02-01,90,% within 24h\n2026-02-02,45,minutes\n");

        Assert.Equal(before, after);
        Assert.Equal(["Row 3, column unit: 'minutes' does not match the indicator's unit '% within 24h'."], Problems(page));
    }

    [Fact]
    public async Task Duplicate_dates_in_the_file_and_against_existing_readings_are_named()
    {
        var (_, page, before, after) = await UploadAsync("date,value\n2026-02-01,90\n2026-02-01,91\n2026-02-09,92\n");

        Assert.Equal(before, after);
        Assert.Equal(["Row 3, column date: 2026-02-01 is also on row 2: one reading per day.", "Row 4, column date: 2026-02-09 already has a reading for this indicator."], Problems(page));
    }

    [Theory]
    [InlineData("")]
    [InlineData("date,value\n")]
    public async Task An_empty_file_is_refused(string csv)
    {
        var (_, page, before, after) = await UploadAsync(csv);

        Assert.Equal(before, after);
        var problem = Assert.Single(Problems(page));
        Assert.True(problem is "The file is empty. The first row must be the header date,value (optionally ,unit)." or "The file has a header but no readings.", problem);
    }

    [Fact]
    public async Task A_file_of_10000_rows_imports_within_the_request()
    {
        var csv = Rows(10_000, i => $"{Iso(BeforeGoLive.AddDays(-i))},{80 + i % 15}.{i % 10}");

        var (response, _, before, after) = await UploadAsync(csv);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before + 10_000, after);
    }
}
