using System.Globalization;
using Microsoft.Playwright;
using Readiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Readiness.BrowserTests;

/// <summary>
/// The whole go-live path of CRS-LAUNCH (MetCC, TDIU and Local Resolution Teams) clicked through in Chromium: each
/// area's team lead submits from My work and its BCM approves from the emailed link, MetCC last, which completes the
/// gate; the SRO records Go from their email; the PMO sees the gate green and the area's load on the heatmap.
/// </summary>
public sealed class GoLiveInTheBrowserTests : IAsyncLifetime
{
    private const string Release = "CRS-LAUNCH";
    private const string Lead = "tl.metcc@readiness.demo";
    private const string Sro = "sro.contact@readiness.demo";
    private const string Pmo = "pmo@readiness.demo";
    private readonly ServedApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_return_submitted_and_approved_from_email_and_a_go_from_the_sro_turn_the_gate_green_for_the_pmo()
    {
        var people = new People(_app);
        await people.SubmitAndApproveAsync(Release, "TDIU");
        await people.SubmitAndApproveAsync(Release, "LRT");
        var goLive = await _app.GoLiveAsync(Release);

        // The team lead opens My work, answers every section of the MetCC return and submits it.
        await people.SubmitReturnAsync(Lead, Release);

        // The outbox sends the BCM's email; the BCM, not signed in, follows its link and approves.
        var bcm = (await _app.Driver.BcmEmailsAsync("METCC"))[0];
        await People.ConfirmAsync(await people.OpenEmailedLinkAsync(bcm), "Approve");

        // Every area is approved: the SRO's email arrives and the SRO records Go with a DCA and a rationale.
        var sro = await people.OpenEmailedLinkAsync(Sro);
        await Expect(sro.GetByLabel("Rationale")).ToBeVisibleAsync();
        await People.ConfirmAsync(sro, "Go", "Green", "All three areas approved; hypercare rota staffed.");

        // The PMO sees the Go/No-go gate green in the tracker and MetCC loaded in the go-live week on the heatmap.
        var pmo = await _app.SignedInAsync(Pmo);
        await pmo.GotoAsync("/Portfolio/Tracker");
        await pmo.GetByLabel("Programme").FillAsync("Contact and Resolution Service");
        await pmo.GetByRole(AriaRole.Button, new() { Name = "Apply filter" }).ClickAsync();
        await Expect(pmo.Locator($"tr[data-release=\"{Release}\"][data-gate=\"GoNoGo\"] [data-testid=rag]")).ToContainTextAsync("Green");
        await pmo.GotoAsync("/Portfolio/Heatmap");
        var monday = goLive.AddDays(-(((int)goLive.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await pmo.GetByLabel("First week (any day in it)").FillAsync(goLive.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await pmo.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var cell = pmo.Locator($"td[data-area=\"METCC\"][data-week=\"{monday}\"]");
        await Expect(cell).ToHaveCountAsync(1);
        var load = decimal.Parse((await cell.GetAttributeAsync("data-load"))!, CultureInfo.InvariantCulture);
        Assert.True(load > 0, $"MetCC's load in the week of {monday} is {load}.");
    }
}
