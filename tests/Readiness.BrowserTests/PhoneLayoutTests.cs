using Microsoft.Playwright;
using Readiness.BrowserTests.Infrastructure;

namespace Readiness.BrowserTests;

/// <summary>
/// BCMs and SROs decide from an email on their phone: the pages they use fit a 375 px wide screen (WCAG 2.2 reflow;
/// only data tables scroll sideways, inside their own box), the menu does not push the page out of the first screen,
/// and axe finds nothing serious at that size either.
/// </summary>
public sealed class PhoneLayoutTests(AccessibilityFixture fixture) : IClassFixture<AccessibilityFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 812 };

    [Theory]
    [InlineData("decision link")]
    [InlineData("inbox")]
    [InlineData("release")]
    [InlineData("read-only return")]
    public async Task The_page_fits_a_phone_screen_without_sideways_scrolling(string name)
    {
        var (user, url) = fixture.Page(name);
        var page = user is null ? await fixture.App.NewPageAsync(Phone) : await fixture.App.SignedInAsync(user, Phone);
        await page.GotoAsync(url);

        var scrolledX = await page.EvaluateAsync<double>("() => { window.scrollTo(1000, 0); return window.scrollX; }");
        var headingTop = await page.Locator("main h1").First.EvaluateAsync<double>("h => h.getBoundingClientRect().top + window.scrollY");

        Assert.True(scrolledX == 0, $"{name} ({url}) scrolls sideways by {scrolledX} px on a 375 px screen.");
        Assert.True(headingTop < Phone.Height / 3.0, $"{name}: the page heading starts {headingTop} px down, below the first third of the screen.");
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"{name} on a phone");
        await page.Context.CloseAsync();
    }
}
