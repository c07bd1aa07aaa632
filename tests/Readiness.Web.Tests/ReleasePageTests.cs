using System.Net;
using AngleSharp.Dom;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The release page in tabs, each a page of its own (its own address, no JavaScript needed), and the gates table
/// telling each gate as the tracker does: a go / no-go gate decided Go is complete, with the decision and DCA.
/// </summary>
public sealed class ReleasePageTests : EmailedAppTest
{
    private const string Release = "CRS-LAUNCH"; // MetCC, TDIU and Local Resolution Teams
    private const string Pmo = "pmo@readiness.demo";

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [InlineData("", "Overview")]
    [InlineData("/Returns", "Returns")]
    [InlineData("/Pack", "Decision pack")]
    [InlineData("/Indicators", "Lead indicators")]
    [InlineData("/Workflow", "Workflow")]
    [InlineData("/Audit", "Audit")]
    [InlineData("/Benefits", "Benefits")]
    [InlineData("/Review", "Post-go-live review")]
    public async Task Each_tab_is_its_own_page_and_the_sub_navigation_marks_it_current(string path, string tab)
    {
        var browser = await Driver.SignedInAsync(Pmo);

        var response = await browser.GetRawAsync($"/Releases/{Release}{path}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response, $"/Releases/{Release}{path}");
        var current = page.QuerySelectorAll(".moj-sub-navigation a[aria-current=page]").ToList();
        Assert.Equal(tab, Assert.Single(current).TextContent.Trim());
        Assert.Equal(Readiness.Web.Pages.Releases.DetailsModel.Tabs.Count, page.QuerySelectorAll(".moj-sub-navigation a").Length); // every tab, each once
        Assert.Equal($"/Releases/{Release}{path}", current[0].GetAttribute("href"));
    }

    [Fact]
    public async Task An_unknown_tab_is_not_found()
    {
        var browser = await Driver.SignedInAsync(Pmo);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetRawAsync($"/Releases/{Release}/Nonsense")).StatusCode);
    }

    [Fact]
    public async Task After_go_the_go_no_go_gate_is_complete_with_its_decision_and_counts_the_releases_returns()
    {
        foreach (var area in new[] { "METCC", "TDIU", "LRT" }) await Driver.SubmitAndDecideAsync(Release, area);
        await Driver.DispatchAsync();
        var sro = new Browser(Factory.CreateBrowser());
        var decided = await ApprovalDriver.DecideAsync(sro, await sro.GetAsync(Driver.LinkFor("sro.contact@readiness.demo")), "Go", "All areas ready",
            new() { ["Form.Dca"] = "Green" });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        var page = await (await Driver.SignedInAsync(Pmo)).GetAsync($"/Releases/{Release}");

        var goNoGo = page.QuerySelector("[data-testid=gates] tr[data-gate=GoNoGo]")!;
        var status = Squash(goNoGo.QuerySelector("[data-testid=gate-status]")!.TextContent);
        Assert.Contains("Complete", status, StringComparison.Ordinal);
        Assert.DoesNotContain("Due in", status, StringComparison.Ordinal);
        Assert.Equal("3 of 3 approved", Squash(goNoGo.QuerySelector("[data-testid=gate-returns]")!.TextContent));
        Assert.Equal("Go, DCA Green", Squash(goNoGo.QuerySelector("[data-testid=gate-decision]")!.TextContent));
        Assert.DoesNotContain("No returns", page.QuerySelector("[data-testid=gates]")!.TextContent, StringComparison.Ordinal);
    }
}
