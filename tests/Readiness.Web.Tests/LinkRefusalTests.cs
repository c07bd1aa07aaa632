using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>Forged, truncated, expired, reused and other people's links are refused uniformly, and nothing changes.</summary>
public sealed class LinkRefusalTests : EmailedAppTest
{
    private const string Bcm = "bcm.justice@readiness.demo";
    private int _returnId;
    private string _link = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _returnId = await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        await Driver.DispatchAsync();
        _link = Driver.LinkFor(Bcm);
    }

    /// <summary>Everything a decision would change, to compare before and after.</summary>
    private Task<string> SnapshotAsync() => Factory.WithDbAsync(async db => string.Join("|",
        await db.ApprovalRequests.CountAsync(r => r.Status != ApprovalStatus.Pending),
        await db.WorkflowJournal.CountAsync(),
        await db.AuditEntries.CountAsync(),
        await db.ApprovalConditions.CountAsync(),
        await db.Assessments.Where(a => a.Id == _returnId).Select(a => a.Status).SingleAsync()));

    /// <summary>Posts a decision with a real antiforgery token (taken from a valid page) to <paramref name="url"/>.</summary>
    private async Task<HttpResponseMessage> PostDecisionAsync(Browser browser, string url)
    {
        var valid = await browser.GetAsync(_link);
        var fields = Browser.FormFields(valid.Forms.Single(f => f.QuerySelector("input[name='Form.Decision']") is not null));
        fields.Add(new("Form.Decision", "Approve"));
        return await browser.Client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static async Task AssertUniformRefusalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Browser.ParseAsync(response, "/");
        Assert.Equal("This link cannot be used", page.QuerySelector("h1")!.TextContent);
    }

    private Task<int> RequestIdAsync() => Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.SubjectId == _returnId && r.Status == ApprovalStatus.Pending).Select(r => r.Id).SingleAsync());

    [Fact]
    public async Task A_link_in_the_older_form_with_its_request_id_still_opens_the_confirmation_page()
    {
        var legacy = $"/Decide/{await RequestIdAsync()}/{_link.Split('/')[2]}";
        var browser = new Browser(Factory.CreateBrowser());

        var page = await browser.GetAsync(legacy);

        Assert.NotNull(page.QuerySelector("input[name='Form.Decision'][value='Approve']"));
    }

    public static TheoryData<string> BadLinks => new() { "forged", "truncated", "other-request" };

    [Theory]
    [MemberData(nameof(BadLinks))]
    public async Task A_bad_link_gets_the_uniform_refusal_on_get_and_post_and_changes_nothing(string kind)
    {
        var token = _link.Split('/')[2];
        var url = kind switch
        {
            "forged" => $"/Decide/{Convert.ToBase64String(new byte[32]).TrimEnd('=').Replace('+', '-').Replace('/', '_')}",
            "truncated" => _link[..^5],
            // A link in the older form names its request: the token of one request with another's id is refused.
            _ => $"/Decide/{await RequestIdAsync() + 1000}/{token}",
        };
        var browser = new Browser(Factory.CreateBrowser());
        var before = await SnapshotAsync();

        await AssertUniformRefusalAsync(await browser.GetRawAsync(url));
        await AssertUniformRefusalAsync(await PostDecisionAsync(browser, url));

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_changes_nothing()
    {
        var browser = new Browser(Factory.CreateBrowser());
        var page = await browser.GetAsync(_link);
        var before = await SnapshotAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(73));

        await AssertUniformRefusalAsync(await ApprovalDriver.DecideAsync(browser, page, "Approve"));
        await AssertUniformRefusalAsync(await browser.GetRawAsync(_link));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Someone_else_signed_in_cannot_use_the_bcms_link()
    {
        var other = await Driver.SignedInAsync("bcm.central@readiness.demo");
        var before = await SnapshotAsync();

        var get = await other.GetRawAsync(_link);
        // A valid antiforgery token for the other person, from any page of theirs.
        var token = (await other.GetAsync("/Approvals")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var post = await other.Client.PostAsync(_link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.Decision"] = "Approve",
        }));

        await AssertUniformRefusalAsync(get);
        await AssertUniformRefusalAsync(post);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>The defect: used, re-sent and long-expired links still showed the return's current score and failures to anyone.</summary>
    [Fact]
    public async Task A_used_link_says_who_decided_without_the_return_and_two_weeks_after_its_lifetime_is_no_longer_valid()
    {
        var browser = new Browser(Factory.CreateBrowser());
        var before = await browser.GetAsync(_link);
        Assert.Contains("Score", before.Body!.TextContent, StringComparison.Ordinal);
        await ApprovalDriver.DecideAsync(browser, before, "Approve");

        var used = await new Browser(Factory.CreateBrowser()).GetAsync(_link);
        Factory.Clock.Advance(TimeSpan.FromHours(73));
        var afterLifetime = await new Browser(Factory.CreateBrowser()).GetAsync(_link);
        Factory.Clock.Advance(ApprovalRequest.ClosedLinkOutcomeFor);
        var expired = await new Browser(Factory.CreateBrowser()).GetRawAsync(_link);

        Assert.Contains("Already decided by Simon Fairweather", used.QuerySelector("[data-testid=closed]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Score", used.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(used.QuerySelectorAll("h2"), h => h.TextContent.Contains("The return", StringComparison.Ordinal));
        Assert.Contains("Already decided by Simon Fairweather", afterLifetime.QuerySelector("[data-testid=closed]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Score", afterLifetime.Body!.TextContent, StringComparison.Ordinal);
        await AssertUniformRefusalAsync(expired);
    }

    [Fact]
    public async Task A_reused_link_says_already_decided_and_changes_nothing_more()
    {
        var browser = new Browser(Factory.CreateBrowser());
        var page = await browser.GetAsync(_link);
        await ApprovalDriver.DecideAsync(browser, page, "Approve");
        var before = await SnapshotAsync();

        var again = await ApprovalDriver.DecideAsync(browser, page, "Return", "again");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_link_for_a_return_that_changed_since_it_was_sent_is_stale_and_cannot_decide()
    {
        var browser = new Browser(Factory.CreateBrowser());
        var page = await browser.GetAsync(_link);
        // An administrator corrects an answer directly (the UI has no way to change a return under review).
        await Factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Answers\" SET \"Comment\" = 'corrected', \"Revision\" = \"Revision\" + 1 WHERE \"Id\" = (SELECT MIN(\"Id\") FROM \"Answers\" WHERE \"AssessmentId\" = {_returnId})"));
        var before = await SnapshotAsync();

        var response = await ApprovalDriver.DecideAsync(browser, page, "Approve");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var result = await Browser.ParseAsync(response, _link);
        Assert.Contains("has changed since", result.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await browser.GetAsync(_link)).QuerySelector("[data-testid=stale]"));
        Assert.Equal(before, await SnapshotAsync());
    }
}
