using Microsoft.Playwright;
using Readiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Readiness.BrowserTests;

/// <summary>
/// A BCM approving from their phone sees a short page: the conditions of a "with conditions" decision stay folded
/// away (with JavaScript) until that decision is chosen, instead of three empty rows making the page 1,800 px tall.
/// </summary>
public sealed class PhoneDecisionTests(AccessibilityFixture fixture) : IClassFixture<AccessibilityFixture>
{
    [Fact]
    public async Task The_conditions_open_only_when_a_with_conditions_decision_is_chosen()
    {
        var page = await fixture.App.NewPageAsync(new ViewportSize { Width = 375, Height = 812 });
        await page.GotoAsync(fixture.DecisionLink);

        var condition = page.GetByLabel("What must be done");
        await Expect(condition).ToBeHiddenAsync();
        await page.GetByLabel("Approve with conditions", new() { Exact = true }).CheckAsync();
        await Expect(condition).ToBeVisibleAsync();
        await page.GetByLabel("Approve", new() { Exact = true }).CheckAsync();
        await Expect(condition).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }
}
