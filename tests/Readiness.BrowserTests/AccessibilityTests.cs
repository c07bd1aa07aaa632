using Microsoft.Playwright;
using Readiness.BrowserTests.Infrastructure;

namespace Readiness.BrowserTests;

/// <summary>axe-core on the main pages, as the person who uses each one sees it: no serious or critical violations.</summary>
public sealed class AccessibilityTests(AccessibilityFixture fixture) : IClassFixture<AccessibilityFixture>
{
    [Theory]
    [InlineData("sign-in")]
    [InlineData("my work")]
    [InlineData("return form")]
    [InlineData("check and submit")]
    [InlineData("read-only return")]
    [InlineData("decision link")]
    [InlineData("inbox")]
    [InlineData("release")]
    [InlineData("releases")]
    [InlineData("audit log")]
    [InlineData("gate tracker")]
    [InlineData("heatmap")]
    [InlineData("stuck approvals")]
    [InlineData("admin")]
    [InlineData("admin gates")]
    public async Task The_page_has_no_serious_or_critical_accessibility_violations(string name)
    {
        var (user, url) = fixture.Page(name);
        var page = user is null ? await fixture.App.NewPageAsync() : await fixture.App.SignedInAsync(user);

        var response = await page.GotoAsync(url);

        Assert.True(response is { Ok: true }, $"{name} ({url}) answered {response?.Status}.");
        await Accessibility.AssertNoSeriousViolationsAsync(page, name);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Axe_runs_from_the_script_embedded_in_the_package_without_fetching_anything()
    {
        var page = await fixture.App.NewPageAsync();
        await page.GotoAsync("/Account/SignIn");
        var requests = new List<string>();
        page.Context.Request += (_, request) => requests.Add(request.Url);

        await Accessibility.AssertNoSeriousViolationsAsync(page, "sign-in");

        Assert.Empty(requests);
        await page.Context.CloseAsync();
    }
}
