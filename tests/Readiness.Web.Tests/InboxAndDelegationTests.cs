using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>Deciding from the signed-in inbox, delegation while away, and no self-approval.</summary>
public sealed class InboxAndDelegationTests : IAsyncLifetime
{
    private const string Bcm = "bcm.justice@readiness.demo";
    private SmtpTestServer _smtp = null!;
    private ReadinessFactory _factory = null!;
    private ApprovalDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _factory = new ReadinessFactory(settings: ApprovalDriver.SmtpSettings(_smtp));
        _driver = new ApprovalDriver(_factory, _smtp);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private Task<string> UserIdAsync(string email) => _factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task The_inbox_lists_pending_decisions_and_the_bcm_can_decide_there()
    {
        var id = await _driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        var bcm = await _driver.SignedInAsync(Bcm);

        var inbox = await bcm.GetAsync("/Approvals");
        var link = inbox.QuerySelector("[data-testid=pending] a")!;
        Assert.Contains("Custody readiness return", link.TextContent, StringComparison.Ordinal);
        var page = await bcm.GetAsync(link.GetAttribute("href")!);
        var response = await ApprovalDriver.DecideAsync(bcm, page, "Return", "Add the training report");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AssessmentStatus.Returned, await _factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        var after = await bcm.GetAsync("/Approvals");
        Assert.Null(after.QuerySelector("[data-testid=pending]"));
        Assert.Contains("Return to the team lead", after.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        var channel = await _factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.SubjectId == id).Select(r => r.DecidedVia).SingleAsync());
        Assert.Equal(DecisionChannel.Web, channel);
    }

    [Fact]
    public async Task A_returned_return_can_be_changed_and_resubmitted_and_goes_back_to_the_bcm()
    {
        var id = await _driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        var bcm = await _driver.SignedInAsync(Bcm);
        var requests = await bcm.GetAsync("/Approvals");
        await ApprovalDriver.DecideAsync(bcm, await bcm.GetAsync(requests.QuerySelector("[data-testid=pending] a")!.GetAttribute("href")!), "Return", "Add the training report");
        await _driver.DispatchAsync();
        Assert.Contains("Returned", _driver.LastMailTo("tl.custody@readiness.demo").Subject, StringComparison.Ordinal);

        var lead = await _driver.SignedInAsync("tl.custody@readiness.demo");
        var returns = new ReturnDriver(_factory, lead);
        await returns.AnswerSectionAsync(id, 1, c => (ReturnDriver.PassingValue(c, new DateOnly(2026, 3, 1)), ReturnDriver.Evidence, "Training report attached"));
        var resubmit = await returns.SubmitAsync(id);

        Assert.Equal(HttpStatusCode.Redirect, resubmit.StatusCode);
        var open = await _factory.WithDbAsync(db => db.ApprovalRequests.CountAsync(r => r.SubjectId == id && r.Status == ApprovalStatus.Pending));
        Assert.Equal(1, open);
        Assert.Equal(AssessmentStatus.Submitted, await _factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task While_a_bcm_is_away_requests_go_to_the_delegate_who_acts_on_their_behalf()
    {
        var bcm = await _driver.SignedInAsync(Bcm);
        var page = await bcm.GetAsync("/Approvals/Delegations");
        var delegateId = await UserIdAsync("bcm.central@readiness.demo");
        var today = DateOnly.FromDateTime(ReadinessFactory.DefaultNow.UtcDateTime);
        var saved = await bcm.SubmitAsync(page.Forms.First(f => f.QuerySelector("#ToUserId") is not null), new()
        {
            ["ToUserId"] = delegateId,
            ["StartsOn"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["EndsOn"] = today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await _driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        await _driver.DispatchAsync();
        var browser = new Browser(_factory.CreateBrowser());
        var decision = await ApprovalDriver.DecideAsync(browser, await browser.GetAsync(_driver.LinkFor("bcm.central@readiness.demo")), "Approve");

        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        Assert.DoesNotContain(_smtp.Accepted, m => m.Recipients.Contains(Bcm) && (m.Message.Subject ?? "").StartsWith("Decision needed", StringComparison.Ordinal));
        var request = await _factory.WithDbAsync(db => db.ApprovalRequests.SingleAsync(r => r.Status == ApprovalStatus.Decided));
        Assert.Equal((delegateId, await UserIdAsync(Bcm)), (request.DecidedByUserId!, request.OnBehalfOfUserId!));
    }

    [Fact]
    public async Task A_team_lead_who_is_also_the_areas_bcm_is_never_asked_to_approve_their_own_return()
    {
        var leadId = await UserIdAsync("tl.custody@readiness.demo");
        await _factory.WithDbAsync(async db =>
        {
            var custody = await db.BusinessAreas.SingleAsync(a => a.Code == "CUSTODY");
            db.AreaMemberships.Add(new AreaMembership(custody.Id, leadId, AreaRole.Bcm));
            var bcmRole = await db.Roles.SingleAsync(r => r.Name == Roles.Bcm);
            db.UserRoles.Add(new() { UserId = leadId, RoleId = bcmRole.Id });
            return await db.SaveChangesAsync();
        });

        var id = await _driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY", "tl.custody@readiness.demo");

        var approvers = await _factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.SubjectId == id).Select(r => r.ApproverUserId).ToListAsync());
        Assert.DoesNotContain(leadId, approvers);
        Assert.Contains(await UserIdAsync(Bcm), approvers);
    }

    [Fact]
    public async Task A_request_whose_approver_submitted_the_return_refuses_the_decision()
    {
        var id = await _driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY", "tl.custody@readiness.demo");
        var leadId = await UserIdAsync("tl.custody@readiness.demo");
        // e.g. the team lead became the area's BCM after the request was made and the request was moved to them.
        var requestId = await _factory.WithDbAsync(async db =>
        {
            var r = await db.ApprovalRequests.FirstAsync(x => x.SubjectId == id);
            await db.Database.ExecuteSqlAsync($"UPDATE ApprovalRequests SET ApproverUserId = {leadId} WHERE Id = {r.Id}");
            return r.Id;
        });
        var lead = await _driver.SignedInAsync("tl.custody@readiness.demo");
        var page = await lead.GetAsync($"/Approvals/Decide/{requestId}");

        var response = await ApprovalDriver.DecideAsync(lead, page, "Approve");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("cannot decide on it", (await Browser.ParseAsync(response, "/")).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, await _factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync()));
    }
}
