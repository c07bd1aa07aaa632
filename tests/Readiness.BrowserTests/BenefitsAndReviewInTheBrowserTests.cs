using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Readiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Readiness.BrowserTests;

/// <summary>
/// Benefits and the post-go-live review in Chromium (issue 10): the owner sees the profile drawn against the measurements,
/// records a measurement, and opens the area's review of THRIVE-BCU; the SRO reads the review with the indicator and
/// benefit evidence pulled in. axe checks each page as it is used.
/// </summary>
public sealed class BenefitsAndReviewInTheBrowserTests : IAsyncLifetime
{
    private const string Owner = "bcm.contact@readiness.demo";
    private readonly ServedApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_owner_records_a_measurement_on_the_charted_benefit_and_the_sro_reads_the_review_with_its_evidence()
    {
        var id = await _app.Factory.WithDbAsync(db => db.Benefits.Where(b => b.Code == "THRIVE-TDIU-SHARE").Select(b => b.Id).SingleAsync());
        var owner = await _app.SignedInAsync(Owner);
        await owner.GotoAsync("/Benefits");
        await owner.GetByRole(AriaRole.Link, new() { Name = "TDIU handles a growing share of recorded crime" }).ClickAsync();

        await Expect(owner.GetByTestId("benefit-status")).ToContainTextAsync("At risk");
        Assert.True(await owner.EvaluateAsync<bool>("() => !!window.Chart.getChart(document.querySelector('canvas[data-benefit-chart]'))"), "The profile chart was not drawn.");
        await Accessibility.AssertNoSeriousViolationsAsync(owner, "benefit page");

        var day = (await _app.Factory.WithDbAsync(db => db.Releases.Where(r => r.Code == "THRIVE-BCU").Select(r => r.GoLive).SingleAsync())).AddDays(20);
        await owner.GetByLabel("Day").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await owner.GetByLabel("Value (%)").FillAsync("46.4");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save measurement" }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Alert)).ToContainTextAsync("Measurement saved.");
        Assert.Equal(1, await _app.Factory.WithDbAsync(db => db.BenefitMeasurements.CountAsync(m => m.BenefitId == id && m.Date == day && m.Value == 46.4m)));

        // The area's post-go-live review is the BCM's to fill in.
        await owner.GotoAsync("/Releases/THRIVE-BCU/Review");
        await owner.Locator("[data-testid=review-areas] tr[data-area=TDIU] a").ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Continue the return" }).ClickAsync();
        await Expect(owner.GetByTestId("section-heading")).ToContainTextAsync("Operating as intended");
        await Accessibility.AssertNoSeriousViolationsAsync(owner, "review form");

        var sro = await _app.SignedInAsync("sro.contact@readiness.demo");
        await sro.GotoAsync("/Releases/THRIVE-BCU/Review");
        await Expect(sro.GetByTestId("review-summary")).ToContainTextAsync("0 of 14 areas reviewed");
        await Expect(sro.Locator("[data-testid=review-indicators] [data-indicator=CALL-101]")).ToContainTextAsync("an alert is active");
        await Expect(sro.Locator("[data-testid=review-benefits] [data-benefit=THRIVE-101-WAIT]")).ToContainTextAsync("Off track");
        await Accessibility.AssertNoSeriousViolationsAsync(sro, "post-go-live review");
    }
}
