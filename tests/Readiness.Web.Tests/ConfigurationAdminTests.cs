using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Indicators;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// What the PMO used to change by editing seed files and restarting: programmes, release dependencies, lead indicators and
/// gate kinds, through their pages — validated like the files, audited before → after, stale-safe, in effect at once.
/// </summary>
public sealed class ConfigurationAdminTests : IDisposable
{
    private const string Pmo = "pmo@readiness.demo";
    private readonly ReadinessFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<Browser> SignedInAsync(string email = Pmo)
    {
        var browser = new Browser(_app.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    private static IHtmlFormElement AdminForm(IDocument page) => (IHtmlFormElement)page.QuerySelector("form#admin-form")!;

    private static async Task<HttpResponseMessage> PostAsync(Browser browser, string url, Dictionary<string, string> values) =>
        await browser.SubmitAsync(AdminForm(await browser.GetAsync(url)), values);

    private static async Task<IDocument> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string url)
    {
        Assert.Equal(status, response.StatusCode);
        return await Browser.ParseAsync(response, url);
    }

    private Task<List<string>> AuditAsync(string action) =>
        _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == action).OrderBy(e => e.ChainIndex).Select(e => e.Summary).ToListAsync());

    private static readonly Dictionary<string, string> NewIndicator = new()
    {
        ["Indicator.Code"] = "CRIME-CN", ["Indicator.AreaCode"] = "BCU-CN", ["Indicator.Name"] = "Crime recording timeliness (Central North)",
        ["Indicator.Unit"] = "% within 24h", ["Indicator.Direction"] = "HigherIsBetter", ["Indicator.Baseline"] = "92", ["Indicator.AmberThreshold"] = "88",
        ["Indicator.RedThreshold"] = "80", ["Indicator.WatchWeeks"] = "6", ["Indicator.CheckEveryDays"] = "7", ["Indicator.Source"] = "Manual",
    };

    [Fact]
    public async Task A_lead_indicator_added_on_the_page_is_on_the_release_page_and_in_the_indicator_check_without_a_restart()
    {
        var pmo = await SignedInAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(pmo, "/Admin/Releases/THRIVE-BCU/Indicators", NewIndicator)).StatusCode);

        var release = await pmo.GetAsync("/Releases/THRIVE-BCU/Indicators");
        Assert.Contains("Crime recording timeliness (Central North)", release.QuerySelector("[data-testid=lead-indicators]")!.TextContent, StringComparison.Ordinal);

        var id = await _app.WithDbAsync(db => db.LeadIndicators.Where(i => i.Code == "CRIME-CN").Select(i => i.Id).SingleAsync());
        await _app.WithDbAsync(async db =>
        {
            db.IndicatorReadings.Add(new IndicatorReading(id, new DateOnly(2026, 3, 1), 79m, IndicatorSource.Manual, null, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        await using (var scope = _app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IndicatorCheck>().RunAsync(CancellationToken.None);
        var alert = await _app.WithDbAsync(db => db.IndicatorAlerts.Where(a => a.IndicatorId == id).Select(a => new { a.Severity, a.Status }).SingleAsync());
        Assert.Equal(("Red", AlertStatus.Open), (alert.Severity, alert.Status));
        Assert.StartsWith("CRIME-CN: (none) → Crime recording timeliness (Central North) (% within 24h, HigherIsBetter): baseline 92, amber 88, red 80", (await AuditAsync("indicator.defined")).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_an_indicators_thresholds_is_audited_and_a_stale_or_bad_edit_changes_nothing()
    {
        var pmo = await SignedInAsync();
        var id = await _app.WithDbAsync(db => db.LeadIndicators.Where(i => i.Code == "CALL-101").Select(i => i.Id).SingleAsync());
        var url = $"/Admin/Releases/THRIVE-BCU/Indicators?edit={id}";
        var shown = await pmo.GetAsync(url);
        Assert.Equal("90", ((IHtmlInputElement)shown.QuerySelector("#Indicator_RedThreshold")!).Value);

        var bad = await RefusedAsync(await pmo.SubmitAsync(AdminForm(shown), new() { ["Indicator.AmberThreshold"] = "40" }), HttpStatusCode.BadRequest, url);
        Assert.Contains("Lower is better: the baseline must be below the amber threshold", bad.QuerySelector(".govuk-error-summary a[href='#Indicator_AmberThreshold']")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(AdminForm(shown), new() { ["Indicator.RedThreshold"] = "120" })).StatusCode);
        Assert.Equal(120m, await _app.WithDbAsync(db => db.LeadIndicators.Where(i => i.Id == id).Select(i => i.RedThreshold).SingleAsync()));
        var summary = (await AuditAsync("indicator.edited")).Single();
        Assert.Contains("red 90,", summary, StringComparison.Ordinal);
        Assert.Contains("→", summary, StringComparison.Ordinal);
        Assert.Contains("red 120,", summary, StringComparison.Ordinal);

        var stale = await RefusedAsync(await pmo.SubmitAsync(AdminForm(shown), new() { ["Indicator.RedThreshold"] = "95" }), HttpStatusCode.Conflict, url);
        Assert.Contains("changed by someone else", stale.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(120m, await _app.WithDbAsync(db => db.LeadIndicators.Where(i => i.Id == id).Select(i => i.RedThreshold).SingleAsync()));
    }

    [Fact]
    public async Task An_indicator_for_an_area_the_release_does_not_impact_or_with_a_taken_code_is_refused_by_field()
    {
        var pmo = await SignedInAsync();
        var page = await RefusedAsync(await PostAsync(pmo, "/Admin/Releases/THRIVE-BCU/Indicators",
            new(NewIndicator) { ["Indicator.Code"] = "CALL-101", ["Indicator.AreaCode"] = "CUSTODY", ["Indicator.Source"] = "Http" }), HttpStatusCode.BadRequest, "/x");
        string Error(string field) => page.QuerySelector($".govuk-error-summary a[href='#{field}']")?.TextContent ?? "";
        Assert.Contains("from the areas this release impacts", Error("Indicator_AreaCode"), StringComparison.Ordinal);
        Assert.Contains("already has an indicator CALL-101", Error("Indicator_Code"), StringComparison.Ordinal);
        Assert.Contains("An Http source needs an absolute sourceUrl", Error("Indicator_SourceUrl"), StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.LeadIndicators.CountAsync(i => i.Code == "CALL-101")));
    }

    [Fact]
    public async Task A_programme_is_created_and_renamed_on_its_page_and_offered_for_new_releases()
    {
        var pmo = await SignedInAsync();
        var bad = await RefusedAsync(await PostAsync(pmo, "/Admin/Programmes", new() { ["NewCode"] = "connect", ["Name"] = "" }), HttpStatusCode.BadRequest, "/Admin/Programmes");
        Assert.NotNull(bad.QuerySelector(".govuk-error-summary a[href='#Code']"));
        Assert.NotNull(bad.QuerySelector(".govuk-error-summary a[href='#Name']"));
        var taken = await RefusedAsync(await PostAsync(pmo, "/Admin/Programmes", new() { ["NewCode"] = "CONNECT", ["Name"] = "Another" }), HttpStatusCode.BadRequest, "/Admin/Programmes");
        Assert.Contains("already used", taken.QuerySelector(".govuk-error-summary a[href='#Code']")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(pmo, "/Admin/Programmes", new() { ["NewCode"] = "ESTATES", ["Name"] = "Estates transformation", ["Description"] = "Fewer, better buildings." })).StatusCode);
        Assert.Contains((await pmo.GetAsync("/Admin/Releases")).QuerySelectorAll("#ProgrammeId option"), o => o.TextContent == "Estates transformation");

        var first = await pmo.GetAsync("/Admin/Programmes/ESTATES");
        var second = await pmo.GetAsync("/Admin/Programmes/ESTATES");
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(AdminForm(first), new() { ["Name"] = "Estates and facilities" })).StatusCode);
        await RefusedAsync(await pmo.SubmitAsync(AdminForm(second), new() { ["Name"] = "Estates" }), HttpStatusCode.Conflict, "/Admin/Programmes/ESTATES");
        Assert.Equal("Estates and facilities", await _app.WithDbAsync(db => db.Programmes.Where(p => p.Code == "ESTATES").Select(p => p.Name).SingleAsync()));
        Assert.Equal(["(none) → Estates transformation"], await AuditAsync("programme.created"));
        Assert.StartsWith("Estates transformation: Fewer, better buildings. → Estates and facilities", (await AuditAsync("programme.edited")).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dependency_added_on_the_page_shows_on_the_tracker_and_a_cycle_is_refused()
    {
        var pmo = await SignedInAsync();
        var cycle = await RefusedAsync(await PostAsync(pmo, "/Admin/Releases/CC-REPLACE/Dependencies", new() { ["DependsOnCode"] = "LD-WAVE2" }), HttpStatusCode.BadRequest, "/x");
        Assert.Contains("LD-WAVE2 already depends, directly or through other releases, on CC-REPLACE", cycle.QuerySelector(".govuk-error-summary a[href='#DependsOnCode']")!.TextContent, StringComparison.Ordinal);
        await RefusedAsync(await PostAsync(pmo, "/Admin/Releases/CC-REPLACE/Dependencies", new() { ["DependsOnCode"] = "CC-REPLACE" }), HttpStatusCode.BadRequest, "/x");

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(pmo, "/Admin/Releases/CRS-LAUNCH/Dependencies", new() { ["DependsOnCode"] = "SOH-R4", ["Note"] = "Needs the online forms live" })).StatusCode);
        var tracker = await pmo.GetAsync("/Portfolio/Tracker?programme=CONTACT-RESOLUTION");
        Assert.Contains(tracker.QuerySelectorAll("[data-testid=dependency], [data-testid=dependency-late]"), d => d.TextContent.Contains("SOH-R4", StringComparison.Ordinal));
        Assert.Equal(["(no dependency on SOH-R4) → depends on SOH-R4: Needs the online forms live"], await AuditAsync("release.dependency-added"));

        var page = await pmo.GetAsync("/Admin/Releases/CRS-LAUNCH/Dependencies");
        var remove = (IHtmlFormElement)page.QuerySelector("tr[data-depends-on='SOH-R4'] form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(remove, [])).StatusCode);
        await RefusedAsync(await pmo.SubmitAsync(remove, []), HttpStatusCode.Conflict, "/x"); // the same form again: already gone
        Assert.False(await _app.WithDbAsync(db => db.ReleaseDependencies.AnyAsync(d => d.Note == "Needs the online forms live")));
    }

    [Fact]
    public async Task A_gate_kinds_offset_changed_on_its_page_is_used_for_the_next_standard_gates()
    {
        var pmo = await SignedInAsync();
        var bad = await RefusedAsync(await PostAsync(pmo, "/Admin/GateKinds?edit=GoNoGo", new() { ["OffsetDays"] = "-400" }), HttpStatusCode.BadRequest, "/x");
        Assert.Contains("within a year of T0", bad.QuerySelector(".govuk-error-summary a[href='#OffsetDays']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(pmo, "/Admin/GateKinds?edit=GoNoGo", new() { ["OffsetDays"] = "-10", ["Name"] = "Go / no-go" })).StatusCode);
        Assert.Equal(["Go / no-go decision at T-7 → Go / no-go at T-10"], await AuditAsync("gate-kind.edited"));

        var sro = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == "sro.connect@readiness.demo").Select(u => u.Id).SingleAsync());
        await PostAsync(pmo, "/Admin/Releases", new() { ["Code"] = "TEST-R2", ["Name"] = "Test release", ["GoLive"] = "2026-06-01", ["SroUserId"] = sro, ["Status"] = "InReadiness" });
        var gates = await pmo.GetAsync("/Admin/Releases/TEST-R2/Gates");
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync((IHtmlFormElement)gates.QuerySelector("form[data-testid=standard-gates]")!, [])).StatusCode);

        var added = await _app.WithDbAsync(db => db.Gates.Where(g => g.Release!.Code == "TEST-R2").OrderBy(g => g.DueOffsetDays).Select(g => g.Name + " " + g.DueOffsetDays).ToListAsync());
        Assert.Equal(["Business readiness -28", "Go / no-go -10", "Post-go-live review 28"], added);
        Assert.Equal(-7, await _app.WithDbAsync(db => db.Gates.Where(g => g.Release!.Code == "CONNECT-P1" && g.Kind == Readiness.Core.Portfolio.GateKind.GoNoGo).Select(g => g.DueOffsetDays).SingleAsync())); // existing gates keep theirs
        Assert.Null((await pmo.GetAsync("/Admin/Releases/TEST-R2/Gates")).QuerySelector("form[data-testid=standard-gates]"));
    }

    [Theory]
    [InlineData("/Admin/GateKinds")]
    [InlineData("/Admin/Programmes/CONNECT")]
    [InlineData("/Admin/Releases/CONNECT-P1/Dependencies")]
    [InlineData("/Admin/Releases/THRIVE-BCU/Indicators")]
    public async Task Only_the_PMO_opens_the_configuration_pages(string url)
    {
        foreach (var email in new[] { "sro.contact@readiness.demo", "bcm.justice@readiness.demo" })
        {
            var response = await (await SignedInAsync(email)).GetRawAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("AccessDenied", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await (await SignedInAsync()).GetRawAsync(url)).StatusCode);
    }
}
