using System.Net;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>A team lead sees and edits only their own areas' returns; the server refuses everything else.</summary>
public sealed class ReturnAccessTests(ReturnAccessTests.Fixture fixture) : IClassFixture<ReturnAccessTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public ReadinessFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private async Task<(Browser Browser, int CustodyReturn)> SignInAsync(string email)
    {
        var browser = new Browser(fixture.Factory.CreateBrowser());
        await browser.SignInAsync(email);
        return (browser, await new ReturnDriver(fixture.Factory, browser).ReturnIdAsync("CONNECT-P1", "CUSTODY"));
    }

    [Theory]
    [InlineData("/Assessments/Edit/{0}")]
    [InlineData("/Assessments/View/{0}")]
    [InlineData("/Assessments/Submit/{0}")]
    public async Task Another_areas_team_lead_cannot_open_the_return(string url)
    {
        var (browser, id) = await SignInAsync("tl.property@readiness.demo");

        var response = await browser.GetRawAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Another_areas_team_lead_cannot_save_into_the_return_even_with_a_valid_token()
    {
        var (browser, id) = await SignInAsync("tl.property@readiness.demo");
        var driver = new ReturnDriver(fixture.Factory, browser);
        var ownId = await driver.ReturnIdAsync("CONNECT-P1", "PROPERTY");
        var ownForm = ReturnDriver.AnswerForm(await browser.GetAsync($"/Assessments/Edit/{ownId}?section=1"));
        var fields = Browser.FormFields(ownForm);
        fields.Add(new("go", "stay"));
        var before = await driver.LoadAsync(id);

        var response = await browser.Client.PostAsync($"/Assessments/Edit/{id}?section=1",
            new FormUrlEncodedContent(fields.Select(f => f.Key.EndsWith(".Value", StringComparison.Ordinal) ? new KeyValuePair<string, string>(f.Key, "Yes") : f)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before.Version, (await driver.LoadAsync(id)).Version);
    }

    [Fact]
    public async Task The_areas_bcm_can_read_the_return_but_not_edit_it()
    {
        var (browser, id) = await SignInAsync("bcm.justice@readiness.demo");

        var view = await browser.GetRawAsync($"/Assessments/View/{id}");
        var edit = await browser.GetRawAsync($"/Assessments/Edit/{id}");

        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Equal($"/Assessments/View/{id}", edit.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task My_work_is_for_team_leads_only()
    {
        var (browser, _) = await SignInAsync("pmo@readiness.demo");

        var response = await browser.GetRawAsync("/Assessments");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_release_page_shows_gates_impacted_areas_and_return_status_to_any_role()
    {
        var (browser, _) = await SignInAsync("sro.contact@readiness.demo");

        var page = await browser.GetAsync("/Releases/CONNECT-P1");

        Assert.Contains("CONNECT Phase 1", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var gates = page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(gates, g => g.Contains("T-28", StringComparison.Ordinal));
        var returns = await browser.GetAsync("/Releases/CONNECT-P1/Returns");
        var areas = returns.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(areas, a => a.Contains("CUSTODY", StringComparison.Ordinal) && a.Contains("Not started", StringComparison.Ordinal));
    }
}
