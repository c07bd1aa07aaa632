using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Readiness.BrowserTests.Infrastructure;

namespace Readiness.BrowserTests;

/// <summary>
/// axe-core on every page, as the person who uses each one sees it, on a desktop (1,280 px) and on a phone
/// (375 px): no serious or critical violations, and on the phone no page wider than the screen (WCAG 2.2 reflow:
/// only data tables scroll sideways, inside their own box); and nothing on it refused by the Content-Security-Policy.
/// </summary>
public sealed class AccessibilityTests(AccessibilityFixture fixture) : IClassFixture<AccessibilityFixture>
{
    public static TheoryData<string, int> Pages()
    {
        var data = new TheoryData<string, int>();
        foreach (var page in AccessibilityFixture.AllPages)
            foreach (var width in new[] { 1280, 375 })
                data.Add(page, width);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_serious_or_critical_accessibility_violations_and_fits_the_screen(string name, int width)
    {
        var (user, url) = fixture.Page(name);
        var viewport = new ViewportSize { Width = width, Height = width == 375 ? 812 : 900 };
        var page = user is null ? await fixture.App.NewPageAsync(viewport) : await fixture.App.SignedInAsync(user, viewport);

        var refused = new List<string>(); // what the Content-Security-Policy blocked: an inline script or style left somewhere
        page.Console += (_, m) => { if (m.Type == "error" && m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.Add(m.Text); };
        var response = await page.GotoAsync(url);

        var expected = name switch { "access denied" => 403, "not found" => 404, "what if refused" => 400, _ => 200 };
        Assert.True(response?.Status == expected, $"{name} ({url}) answered {response?.Status}, not {expected}.");
        await Arrival.LoadedAsync(page, LoadState.NetworkIdle);
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"{name} at {width} px");
        Assert.True(refused.Count == 0, $"{name} ({url}): the Content-Security-Policy refused {string.Join(" | ", refused)}");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth, $"{name} ({url}) is {scrollWidth} px wide in a {clientWidth} px window at {width} px.");
        await page.Context.CloseAsync();
    }

    /// <summary>The import's second step is the answer to a POST, so it is reached by uploading a file, as the PMO does.</summary>
    [Theory]
    [InlineData("email,name,role,area,action\nnew.bcm@met.example,Nia Lead,BCM,METCC,\nbcm.justice@readiness.demo,,BCM,CASE,remove\n", "Check what will change")]
    [InlineData("email,name,role,area,action\nnot-an-email,,Chief,NOWHERE,\n", "Import people and areas")]
    public async Task The_people_import_check_and_its_problems_have_no_serious_violations(string csv, string heading)
    {
        var page = await fixture.App.SignedInAsync(AccessibilityFixture.Pmo, new ViewportSize { Width = 375, Height = 812 });
        await page.GotoAsync("/Admin/People/Import");

        await page.Locator("#File").SetInputFilesAsync(new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"people import: {heading}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Axe_runs_from_the_script_embedded_in_the_package_without_fetching_anything()
    {
        var page = await fixture.App.NewPageAsync();
        await page.GotoAsync("/Account/SignIn", new() { WaitUntil = WaitUntilState.NetworkIdle });
        var requests = new List<string>();
        // The browser fetches the page's icon on its own schedule, after the load (seen under load in CI): that is
        // the browser's request, not axe's, so it is not counted.
        page.Context.Request += (_, request) => { if (!new Uri(request.Url).AbsolutePath.StartsWith("/favicon", StringComparison.Ordinal)) requests.Add(request.Url); };

        await Accessibility.AssertNoSeriousViolationsAsync(page, "sign-in");

        Assert.Empty(requests);
        await page.Context.CloseAsync();
    }
}
