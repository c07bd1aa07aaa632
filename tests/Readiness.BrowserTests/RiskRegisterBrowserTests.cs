using Microsoft.Playwright;
using Readiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Readiness.BrowserTests;

/// <summary>
/// The risk register in Chromium: the PMO adds a risk from the register, a refused form puts focus on its error summary
/// (axe-checked in that state), and the saved risk appears in the matrix cell of its score.
/// </summary>
public sealed class RiskRegisterBrowserTests : IAsyncLifetime
{
    private const string Pmo = "pmo@readiness.demo";
    private readonly ServedApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_PMO_adds_a_risk_after_a_refusal_and_finds_it_in_its_matrix_cell()
    {
        var page = await _app.SignedInAsync(Pmo);
        await page.GotoAsync("/Risks");
        await page.GetByTestId("add-risk").ClickAsync();

        await page.Locator("#Form_Title").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the risk" }).ClickAsync();

        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToContainTextAsync("Enter a short title for the risk.");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "add a risk, refused");

        await page.Locator("#Form_Title").FillAsync("Despatch desks not wired in time");
        await page.Locator("#Form_Cause").FillAsync("Estates works overrun.");
        await page.Locator("#Form_Event").FillAsync("Desks are not ready at go-live.");
        await page.Locator("#Form_Effect").FillAsync("Despatch stays in MetCC for another month.");
        await page.Locator("label[for='likelihood-2']").ClickAsync();
        await page.Locator("label[for='impact-3']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the risk" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Despatch desks not wired in time");
        await Expect(page.GetByTestId("risk-score")).ToContainTextAsync("= 6 (Medium)");
        await page.GotoAsync("/Risks");
        await page.Locator("[data-cell='2-3'] a").ClickAsync();
        await Expect(page.Locator("tr[data-risk]")).ToHaveCountAsync(3); // with the two seeded risks of likelihood 2 and impact 3
        await Expect(page.Locator("tr[data-risk]", new() { HasText = "Despatch desks not wired in time" })).ToBeVisibleAsync();
    }
}
