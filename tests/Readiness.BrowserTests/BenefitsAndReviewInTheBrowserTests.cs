using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Readiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Readiness.BrowserTests;

/// <summary>
/// Benefits and the post-go-live review in Chromium (issue 10): the PMO follows the benefits from the portfolio to a
/// programme, a benefit and the release that realises it; the owner sees the profile drawn against the measurements,
/// records a measurement, and opens the area's review of THRIVE-BCU; the SRO reads the review with the indicator and
/// benefit evidence pulled in. axe checks each page as it is used.
/// </summary>
public sealed class BenefitsAndReviewInTheBrowserTests : IAsyncLifetime
{
    private const string Owner = "bcm.contact@readiness.demo";
    private readonly ServedApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    private const string TdiuShare = "TDIU handles a growing share of recorded crime";

    /// <summary>
    /// Waits for Chart.js to have drawn the chart in <paramref name="scope"/>: the charts are drawn on DOMContentLoaded,
    /// which may come after the text a test has just waited for, so asking at once would race the page's scripts.
    /// </summary>
    private static async Task AssertChartDrawnAsync(IPage page, string scope, string what)
    {
        try
        {
            await page.WaitForFunctionAsync("scope => !!window.Chart && !!window.Chart.getChart(document.querySelector(scope + ' canvas[data-benefit-chart]'))",
                scope, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No chart was drawn for {what} on {page.Url}.");
        }
    }

    [Fact]
    public async Task The_pmo_follows_the_benefits_from_the_portfolio_to_a_programme_a_benefit_and_its_release()
    {
        var pmo = await _app.SignedInAsync("pmo@readiness.demo");

        await pmo.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Benefits", Exact = true }).ClickAsync();
        await Expect(pmo.GetByRole(AriaRole.Heading, new() { Name = "Benefits", Level = 1 })).ToBeVisibleAsync();
        await Expect(pmo.Locator("[data-testid=benefits] tr[data-benefit=THRIVE-TDIU-SHARE] [data-testid=status]")).ToContainTextAsync("At risk");
        await Expect(pmo.Locator("[data-testid=cashable] tr[data-programme=CONNECT]").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(pmo, "portfolio benefits");

        // The programme's benefits, each with its profile drawn against what was measured.
        await pmo.Locator("tr[data-benefit=THRIVE-TDIU-SHARE] td a").ClickAsync();
        await Expect(pmo.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("benefits");
        await Expect(pmo.Locator("article[data-benefit=THRIVE-101-WAIT]")).ToBeVisibleAsync();
        await AssertChartDrawnAsync(pmo, "article[data-benefit=THRIVE-TDIU-SHARE]", "TDIU's share");
        await Accessibility.AssertNoSeriousViolationsAsync(pmo, "programme benefits");

        await pmo.GetByRole(AriaRole.Link, new() { Name = TdiuShare }).ClickAsync();
        await Expect(pmo.GetByTestId("benefit-status")).ToContainTextAsync("At risk");
        await Accessibility.AssertNoSeriousViolationsAsync(pmo, "benefit page");

        // The release that realises it: its Benefits tab.
        await pmo.GetByRole(AriaRole.Link, new() { Name = "THRIVE+ into BCUs, TDIU and Local Resolution Teams" }).ClickAsync();
        await Arrival.AtAsync(pmo, new Regex("/Releases/THRIVE-BCU/Benefits$"));
        await Expect(pmo.Locator("article[data-benefit=THRIVE-TDIU-SHARE] [data-testid=benefit-status]")).ToContainTextAsync("At risk");
        await AssertChartDrawnAsync(pmo, "article[data-benefit=THRIVE-101-WAIT]", "101 waiting times");
        await Accessibility.AssertNoSeriousViolationsAsync(pmo, "release benefits");
    }

    [Fact]
    public async Task The_owner_records_a_measurement_on_the_charted_benefit_and_the_sro_reads_the_review_with_its_evidence()
    {
        var id = await _app.Factory.WithDbAsync(db => db.Benefits.Where(b => b.Code == "THRIVE-TDIU-SHARE").Select(b => b.Id).SingleAsync());
        var owner = await _app.SignedInAsync(Owner);
        await owner.GotoAsync("/Benefits");
        await owner.GetByRole(AriaRole.Link, new() { Name = TdiuShare }).ClickAsync();

        await Expect(owner.GetByTestId("benefit-status")).ToContainTextAsync("At risk");
        await AssertChartDrawnAsync(owner, "main", "the benefit's profile");
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
