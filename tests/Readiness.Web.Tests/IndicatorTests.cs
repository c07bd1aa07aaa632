using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Indicators;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Startup;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// Lead indicators on the real seeded data: the seeded 101-call-time breach raises one alert and one notification
/// per person however often the check runs; a reading back inside thresholds lets the alert be resolved; an HTTP
/// JSON source is polled; CSV uploads are all-or-nothing (see IndicatorTests.Csv.cs).
/// </summary>
public sealed partial class IndicatorTests : IAsyncLifetime
{
    private const string Pmo = "pmo@readiness.demo";
    private ReadinessFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = new ReadinessFactory();
        _ = _factory.Server; // start: migrate, seed, first indicator check
        await Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<Browser> SignedInAsync(string email)
    {
        var browser = new Browser(_factory.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    private async Task<LeadIndicator> IndicatorAsync(string code) => await _factory.WithDbAsync(db => db.LeadIndicators.SingleAsync(i => i.Code == code));

    private async Task<CheckSummary> RunCheckAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IndicatorCheck>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_breach_opens_one_alert_and_one_notification_however_many_times_the_check_runs()
    {
        for (var run = 0; run < 3; run++) Assert.Equal(0, (await RunCheckAsync()).Opened);

        var call = await IndicatorAsync("CALL-101");
        var alerts = await _factory.WithDbAsync(db => db.IndicatorAlerts.ToListAsync());
        var alert = Assert.Single(alerts);
        Assert.Equal((call.Id, "Red", AlertStatus.Open), (alert.IndicatorId, alert.Severity, alert.Status));
        var mail = await _factory.WithDbAsync(db => db.Outbox.Where(m => m.Kind == "indicator-alert").Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(["bcm.contact@readiness.demo", "sro.contact@readiness.demo"], mail.Order(StringComparer.Ordinal));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "indicator.alert.opened")));
    }

    [Fact]
    public async Task The_release_page_shows_the_charts_the_alert_and_the_hypercare_exit()
    {
        var pmo = await SignedInAsync(Pmo);

        var page = await pmo.GetAsync("/Releases/THRIVE-BCU/Indicators");

        var section = page.QuerySelector("[data-testid=lead-indicators]")!;
        Assert.Equal(3, section.QuerySelectorAll("canvas[data-indicator-chart]").Length);
        Assert.Contains("101 call answer time", section.QuerySelector("[data-testid=indicator-alerts]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Red", section.QuerySelector("[data-testid=indicator-alerts]")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Hypercare exit: Not yet: an alert is active on 101 call answer time", section.QuerySelector("[data-testid=hypercare-exit]")!.TextContent.Trim(), StringComparison.Ordinal);
        var table = section.QuerySelector("[data-testid=readings-CALL-101]")!;
        Assert.Contains("Red", table.QuerySelectorAll("tbody tr")[0].TextContent, StringComparison.Ordinal); // RAG in words, newest first
        Assert.NotNull(page.QuerySelector("script[src^='/lib/chartjs/chart.umd.min.js']"));
    }

    [Fact]
    public async Task A_reading_back_inside_thresholds_lets_the_alert_be_resolved()
    {
        var call = await IndicatorAsync("CALL-101");
        var alertId = await _factory.WithDbAsync(db => db.IndicatorAlerts.Select(a => a.Id).SingleAsync());
        var bcm = await SignedInAsync("bcm.contact@readiness.demo");
        var url = $"/Indicators/{call.Id}";

        var tooEarly = await ResolveAsync(bcm, url, alertId);
        Assert.Equal(HttpStatusCode.OK, tooEarly.StatusCode);
        Assert.Contains("still Red", (await Browser.ParseAsync(tooEarly, url)).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        bcm = await SignedInAsync("bcm.contact@readiness.demo"); // a day later: a fresh sign-in
        var page = await bcm.GetAsync(url);
        var added = await bcm.SubmitAsync(page.Forms.Single(f => f.Action.Contains("handler=Reading", StringComparison.Ordinal)),
            new() { ["ReadingDate"] = "2026-03-03", ["ReadingValue"] = "52" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await ResolveAsync(bcm, url, alertId)).StatusCode);
        var alert = await _factory.WithDbAsync(db => db.IndicatorAlerts.SingleAsync());
        Assert.Equal((AlertStatus.Resolved, AlertResolution.Corrected), (alert.Status, alert.Resolution));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "indicator.alert.resolved" && e.Summary.Contains("Extra call handlers"))));
        Assert.Equal(0, (await RunCheckAsync()).Opened);
    }

    private static async Task<HttpResponseMessage> ResolveAsync(Browser browser, string url, int alertId)
    {
        var page = await browser.GetAsync(url);
        var form = page.Forms.Single(f => f.Action.Contains("handler=Resolve", StringComparison.Ordinal) && f.Action.Contains($"alertId={alertId}", StringComparison.Ordinal));
        return await browser.SubmitAsync(form, new() { ["Resolution"] = "Corrected", ["Comment"] = "Extra call handlers rostered for the evening peak" });
    }

    [Fact]
    public async Task Acknowledging_an_alert_is_recorded_and_audited()
    {
        var call = await IndicatorAsync("CALL-101");
        var sro = await SignedInAsync("sro.contact@readiness.demo");
        var page = await sro.GetAsync($"/Indicators/{call.Id}");

        var response = await sro.SubmitAsync(page.Forms.Single(f => f.Action.Contains("handler=Acknowledge", StringComparison.Ordinal)), new() { ["Comment"] = "Looking into it" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AlertStatus.Acknowledged, (await _factory.WithDbAsync(db => db.IndicatorAlerts.SingleAsync())).Status);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "indicator.alert.acknowledged")));
    }

    [Fact]
    public async Task The_check_imports_readings_from_an_http_json_source()
    {
        var json = """{"readings":[{"date":"2026-02-20","value":12.5},{"date":"2026-02-27","value":13},{"date":"2026-03-01","value":12.1}]}""";
        await using var source = await JsonSourceAsync(json);
        var id = await AddHttpIndicatorAsync(source.Urls.First() + "/readings");

        var first = await RunCheckAsync();
        await RunCheckAsync();

        Assert.Equal(3, first.Imported);
        var readings = await _factory.WithDbAsync(db => db.IndicatorReadings.Where(r => r.IndicatorId == id).OrderBy(r => r.Date).ToListAsync());
        Assert.Equal([12.5m, 13m, 12.1m], readings.Select(r => r.Value));
        Assert.All(readings, r => Assert.Equal(IndicatorSource.Http, r.Source));
    }

    [Fact]
    public async Task A_bad_http_payload_imports_nothing_and_becomes_an_incident()
    {
        await using var source = await JsonSourceAsync("""[{"date":"2026-02-20","value":12.5},{"date":"20/02/2026","value":"n/a"}]""");
        var id = await AddHttpIndicatorAsync(source.Urls.First() + "/readings");

        await RunCheckAsync();

        Assert.Equal(0, await _factory.WithDbAsync(db => db.IndicatorReadings.CountAsync(r => r.IndicatorId == id)));
        var incident = await _factory.WithDbAsync(db => db.Incidents.SingleAsync(i => i.Kind == IndicatorCheck.FeedIncidentKind));
        Assert.Contains("$[1].date", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_value_entered_by_hand_is_refused_with_an_error_linked_to_the_field()
    {
        var call = await IndicatorAsync("CALL-101");
        var pmo = await SignedInAsync(Pmo);
        var page = await pmo.GetAsync($"/Indicators/{call.Id}");

        var response = await pmo.SubmitAsync(page.Forms.Single(f => f.Action.Contains("handler=Reading", StringComparison.Ordinal)),
            new() { ["ReadingDate"] = "2026-03-01", ["ReadingValue"] = "n/a" });

        var result = await Browser.ParseAsync(response, $"/Indicators/{call.Id}");
        var link = result.QuerySelector(".govuk-error-summary li a")!;
        Assert.Equal(("#ReadingValue", "'n/a' is not a number: use digits and a dot, e.g. 41.2"), (link.GetAttribute("href"), link.TextContent));
        Assert.NotNull(result.QuerySelector("#ReadingValue"));
    }

    [Fact]
    public async Task Only_the_areas_bcm_the_sro_or_the_pmo_may_upload_readings()
    {
        var call = await IndicatorAsync("CALL-101");
        var lead = await SignedInAsync("tl.tdiu@readiness.demo");

        var response = await lead.GetRawAsync($"/Indicators/{call.Id}/Upload");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await lead.GetAsync($"/Indicators/{call.Id}")).Forms.FirstOrDefault(f => f.Action.Contains("handler=Reading", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_release_not_yet_live_shows_its_indicators_and_no_hypercare_exit()
    {
        var pmo = await SignedInAsync(Pmo);

        var page = await pmo.GetAsync("/Releases/CONNECT-P1/Indicators");

        Assert.Equal("Hypercare exit: Not yet: the release has not gone live", page.QuerySelector("[data-testid=hypercare-exit]")!.TextContent.Trim());
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=lead-indicators] canvas").Length);
    }

    [Fact]
    public void A_bad_indicators_file_is_refused_naming_the_file_the_path_and_the_problem()
    {
        var folder = Directory.CreateTempSubdirectory("seed-").FullName;
        foreach (var f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seed-data"), "*", SearchOption.AllDirectories))
        {
            var to = f.Replace(Path.Combine(AppContext.BaseDirectory, "seed-data"), folder, StringComparison.Ordinal);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }
        var file = Path.Combine(folder, IndicatorSeeder.File);
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"area\": \"TDIU\"", "\"area\": \"CUSTODY\"", StringComparison.Ordinal)
            .Replace("\"direction\": \"HigherIsBetter\"", "\"direction\": \"Up\"", StringComparison.Ordinal));

        var error = Assert.Throws<StartupValidationException>(() => IndicatorSeeder.Read(folder, SeedReader.Read(folder)));

        Assert.Contains("indicators.json: $.indicators[0].area: Release THRIVE-BCU does not impact 'CUSTODY'", error.Message, StringComparison.Ordinal);
        Assert.Contains("indicators.json: $.indicators[1].direction: Use HigherIsBetter or LowerIsBetter.", error.Message, StringComparison.Ordinal);
    }

    private async Task<int> AddHttpIndicatorAsync(string url) => await _factory.WithDbAsync(async db =>
    {
        var release = await db.Releases.SingleAsync(r => r.Code == "THRIVE-BCU");
        var area = await db.BusinessAreas.SingleAsync(a => a.Code == "LRT");
        var indicator = new LeadIndicator(new LeadIndicatorSpec(release.Id, area.Id, "LRT-QUEUE", "Local resolution queue", "cases", IndicatorDirection.LowerIsBetter,
            10, 20, 30, 6, 1, 3, IndicatorSource.Http, url));
        db.LeadIndicators.Add(indicator);
        await db.SaveChangesAsync();
        return indicator.Id;
    });

    private static async Task<WebApplication> JsonSourceAsync(string json)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/readings", () => Results.Text(json, "application/json"));
        await app.StartAsync();
        return app;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
