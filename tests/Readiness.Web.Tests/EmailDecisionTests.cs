using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// A BCM decides a submitted return from the link in a real email: sent by MailKit through the outbox to an SMTP
/// server in this process, parsed, and followed. GET and HEAD change nothing; the POST decides exactly once.
/// </summary>
public sealed class EmailDecisionTests : EmailedAppTest
{
    private const string Bcm = "bcm.justice@readiness.demo";

    private async Task<(int ReturnId, string Link)> SubmittedCustodyReturnAsync()
    {
        var id = await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        await Driver.DispatchAsync();
        return (id, Driver.LinkFor(Bcm));
    }

    private Task<(int Decided, int Pending, AssessmentStatus Status, int Journal, long Audit)> StateAsync(int returnId) => Factory.WithDbAsync(async db => (
        await db.ApprovalRequests.CountAsync(r => r.SubjectId == returnId && r.Status == ApprovalStatus.Decided),
        await db.ApprovalRequests.CountAsync(r => r.SubjectId == returnId && r.Status == ApprovalStatus.Pending),
        await db.Assessments.Where(a => a.Id == returnId).Select(a => a.Status).SingleAsync(),
        await db.WorkflowJournal.CountAsync(),
        await db.AuditEntries.LongCountAsync()));

    [Fact]
    public async Task The_bcm_email_has_a_clear_subject_both_parts_a_stable_message_id_and_the_link()
    {
        await SubmittedCustodyReturnAsync();

        var mail = Driver.LastMailTo(Bcm);

        Assert.Contains("CONNECT-P1", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Custody", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("due", mail.Subject, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(mail.TextBody));
        Assert.Contains("/Decide/", mail.HtmlBody, StringComparison.Ordinal);
        var stored = await Factory.WithDbAsync(db => db.Outbox.Where(m => m.ToAddress == Bcm).Select(m => m.MessageId).SingleAsync());
        Assert.Equal(stored, mail.MessageId);
        Assert.StartsWith("http://localhost:5080/Decide/", Driver.LastMailTo(Bcm).TextBody![Driver.LastMailTo(Bcm).TextBody!.IndexOf("http", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_link_with_get_or_head_shows_a_confirmation_page_and_changes_nothing()
    {
        var (id, link) = await SubmittedCustodyReturnAsync();
        var before = await StateAsync(id);
        var client = Factory.CreateBrowser();

        var get = await client.GetAsync(link);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, link));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(get.Headers.CacheControl!.NoStore);
        Assert.Equal("no-referrer", get.Headers.GetValues("Referrer-Policy").Single());
        var page = await Browser.ParseAsync(get, link);
        Assert.NotNull(page.QuerySelector("input[name='Form.Decision'][value='Approve']"));
        Assert.Equal(before, await StateAsync(id));
        Assert.Equal((0, 1, AssessmentStatus.Submitted), (before.Decided, before.Pending, before.Status));
    }

    [Fact]
    public async Task Posting_a_decision_records_it_once_and_a_second_post_says_who_already_decided()
    {
        var (id, link) = await SubmittedCustodyReturnAsync();
        var browser = new Browser(Factory.CreateBrowser());
        var page = await browser.GetAsync(link);

        var first = await ApprovalDriver.DecideAsync(browser, page, "Approve", "Good to go");
        var second = await ApprovalDriver.DecideAsync(browser, page, "Return", "Changed my mind");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var secondPage = await Browser.ParseAsync(second, link);
        Assert.Contains("Already decided by Simon Fairweather", secondPage.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        var after = await StateAsync(id);
        Assert.Equal((1, 0, AssessmentStatus.Approved), (after.Decided, after.Pending, after.Status));
        var revisit = await browser.GetAsync(link);
        Assert.Contains("Already decided by Simon Fairweather", revisit.QuerySelector("[data-testid=closed]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    public async Task Parallel_posts_on_one_request_record_exactly_one_decision(int clicks)
    {
        var (id, link) = await SubmittedCustodyReturnAsync();
        var browser = new Browser(Factory.CreateBrowser());
        var page = await browser.GetAsync(link);
        var journalBefore = (await StateAsync(id)).Journal;

        var responses = await Task.WhenAll(Enumerable.Range(0, clicks).Select(i =>
            ApprovalDriver.DecideAsync(browser, page, i % 2 == 0 ? "Approve" : "Return", $"click {i}")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var after = await StateAsync(id);
        Assert.Equal(1, after.Decided);
        Assert.Equal(journalBefore + 1, after.Journal);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ApprovalRequests.CountAsync(r => r.SubjectId == id && r.Decision != null)));
    }
}
