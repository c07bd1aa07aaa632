using Microsoft.Playwright;
using Readiness.BrowserTests.Infrastructure;
using Readiness.Core.Portfolio;
using static Microsoft.Playwright.Assertions;

namespace Readiness.BrowserTests;

/// <summary>
/// A programme box past <see cref="PortfolioChoices.InlineLimit"/> programmes in Chromium: the page carries none, the
/// suggestions arrive as the PMO types (the Content-Security-Policy allows the fetch), and the choice filters the tracker.
/// </summary>
public sealed class ProgrammeBoxBrowserTests : IAsyncLifetime
{
    private readonly ServedApp _app = new();

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        await _app.Factory.WithDbAsync(async db =>
        {
            db.Programmes.AddRange(Enumerable.Range(1, PortfolioChoices.InlineLimit)
                .Select(i => new Programme($"GEN-{i:000}", $"Generated programme {i:000}", "Made by the programme box test.")));
            return await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Suggestions_arrive_as_the_pmo_types_and_the_chosen_programme_filters_the_tracker()
    {
        var page = await _app.SignedInAsync("pmo@readiness.demo");
        await page.GotoAsync("/Portfolio/Tracker");
        var options = page.Locator("datalist#Programme-choices option");
        await Expect(options).ToHaveCountAsync(0);

        await page.Locator("#Programme").PressSequentiallyAsync("generated programme 04");
        await Expect(options).ToHaveCountAsync(10);
        await Expect(options.First).ToHaveAttributeAsync("value", "Generated programme 040");

        await page.Locator("#Programme").FillAsync("");
        await page.Locator("#Programme").PressSequentiallyAsync("conn");
        await Expect(options).ToHaveCountAsync(1);
        await Expect(options.First).ToHaveAttributeAsync("value", "CONNECT");

        await page.Locator("#Programme").FillAsync("CONNECT");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filter" }).ClickAsync();
        await Expect(page.Locator(".moj-filter__selected")).ToContainTextAsync("CONNECT");
        await Expect(page.Locator("tr[data-release^='CONNECT-']").First).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-release]:not([data-release^='CONNECT-'])")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "tracker filtered by a suggested programme");
    }
}
