using System.Net;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

public sealed class SignInTests(SignInTests.Fixture fixture) : IClassFixture<SignInTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public ReadinessFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Assessments")]
    [InlineData("/Releases")]
    [InlineData("/Releases/CONNECT-P1")]
    [InlineData("/Assessments/Edit/1")]
    public async Task Every_page_sends_an_anonymous_visitor_to_sign_in(string url)
    {
        var response = await fixture.Factory.CreateBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_lead_signs_in_and_lands_on_their_dashboard_with_their_returns_and_my_work_lists_them()
    {
        var browser = new Browser(fixture.Factory.CreateBrowser());
        await browser.SignInAsync("tl.custody@readiness.demo");

        var home = await browser.GetAsync("/");
        var section = home.QuerySelector("[data-testid=dashboard-teamlead]")!;
        Assert.Contains(section.QuerySelectorAll("li[data-return] a"), a => a.TextContent.Contains("CONNECT Phase 1", StringComparison.Ordinal));
        Assert.Null(home.QuerySelector("[data-testid=dashboard-pmo]"));
        var page = await browser.GetAsync("/Assessments");
        Assert.Equal("My work", page.QuerySelector("h1")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("tbody tr"), row => row.TextContent.Contains("CONNECT Phase 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_summary_linked_to_the_field()
    {
        var browser = new Browser(fixture.Factory.CreateBrowser());
        var page = await browser.GetAsync("/Account/SignIn");
        var response = await browser.SubmitAsync(page.Forms[0], new() { ["Email"] = "tl.custody@readiness.demo", ["Password"] = "wrong-password-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await Browser.ParseAsync(response, "/Account/SignIn");
        var link = result.QuerySelector(".govuk-error-summary a")!;
        Assert.Equal("#Email", link.GetAttribute("href"));
        Assert.Contains("not right", link.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_work_lists_overdue_returns_first()
    {
        var browser = new Browser(fixture.Factory.CreateBrowser());
        await browser.SignInAsync("tl.custody@readiness.demo");

        var rows = (await browser.GetAsync("/Assessments")).QuerySelectorAll("tbody tr").ToList();

        var overdue = rows.Select(r => r.QuerySelector("[data-testid=overdue]") is not null).ToList();
        Assert.Contains(true, overdue);
        Assert.Equal(overdue.OrderByDescending(o => o), overdue);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused()
    {
        var browser = new Browser(fixture.Factory.CreateBrowser());
        await browser.SignInAsync("tl.custody@readiness.demo");
        var id = await new ReturnDriver(fixture.Factory, browser).ReturnIdAsync("CONNECT-P1", "CUSTODY");

        var response = await browser.Client.PostAsync($"/Assessments/Edit/{id}?section=1", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Answers[0].CriterionId"] = "1",
            ["Answers[0].Value"] = "Yes",
            ["go"] = "stay",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var saved = await new ReturnDriver(fixture.Factory, browser).LoadAsync(id);
        Assert.Empty(saved.Answers);
    }

    [Fact]
    public async Task The_header_names_the_signed_in_person_not_their_email_address()
    {
        var browser = new Browser(fixture.Factory.CreateBrowser());
        await browser.SignInAsync("bcm.justice@readiness.demo");

        var home = await browser.GetAsync("/");

        Assert.Equal("Signed in as Simon Fairweather", home.QuerySelector(".app-header__user")!.TextContent.Trim());
    }
}
