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
public sealed class InboxAndDelegationTests : EmailedAppTest
{
    private const string Bcm = "bcm.justice@readiness.demo";

    private Task<string> UserIdAsync(string email) => Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task The_inbox_lists_pending_decisions_and_the_bcm_can_decide_there()
    {
        var id = await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        var bcm = await Driver.SignedInAsync(Bcm);

        var inbox = await bcm.GetAsync("/Approvals");
        var link = inbox.QuerySelector("[data-testid=pending] a")!;
        Assert.Contains("Custody readiness return", link.TextContent, StringComparison.Ordinal);
        var page = await bcm.GetAsync(link.GetAttribute("href")!);
        var response = await ApprovalDriver.DecideAsync(bcm, page, "Return", "Add the training report");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AssessmentStatus.Returned, await Factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        var after = await bcm.GetAsync("/Approvals");
        Assert.Null(after.QuerySelector("[data-testid=pending]"));
        Assert.Contains("Return to the team lead", after.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        var channel = await Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.SubjectId == id).Select(r => r.DecidedVia).SingleAsync());
        Assert.Equal(DecisionChannel.Web, channel);
    }

    [Fact]
    public async Task A_returned_return_can_be_changed_and_resubmitted_and_goes_back_to_the_bcm()
    {
        var id = await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        var bcm = await Driver.SignedInAsync(Bcm);
        var requests = await bcm.GetAsync("/Approvals");
        await ApprovalDriver.DecideAsync(bcm, await bcm.GetAsync(requests.QuerySelector("[data-testid=pending] a")!.GetAttribute("href")!), "Return", "Add the training report");
        await Driver.DispatchAsync();
        Assert.Contains("Returned", Driver.LastMailTo("tl.custody@readiness.demo").Subject, StringComparison.Ordinal);

        var lead = await Driver.SignedInAsync("tl.custody@readiness.demo");
        var returns = new ReturnDriver(Factory, lead);
        await returns.AnswerSectionAsync(id, 1, c => (ReturnDriver.PassingValue(c, new DateOnly(2026, 3, 1)), ReturnDriver.Evidence, "Training report attached"));
        var resubmit = await returns.SubmitAsync(id);

        Assert.Equal(HttpStatusCode.Redirect, resubmit.StatusCode);
        var open = await Factory.WithDbAsync(db => db.ApprovalRequests.CountAsync(r => r.SubjectId == id && r.Status == ApprovalStatus.Pending));
        Assert.Equal(1, open);
        Assert.Equal(AssessmentStatus.Submitted, await Factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task While_a_bcm_is_away_requests_go_to_the_delegate_who_acts_on_their_behalf()
    {
        var bcm = await Driver.SignedInAsync(Bcm);
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

        await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        await Driver.DispatchAsync();
        var browser = new Browser(Factory.CreateBrowser());
        var decision = await ApprovalDriver.DecideAsync(browser, await browser.GetAsync(Driver.LinkFor("bcm.central@readiness.demo")), "Approve");

        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        Assert.DoesNotContain(Smtp.Accepted, m => m.Recipients.Contains(Bcm) && (m.Message.Subject ?? "").StartsWith("Decision needed", StringComparison.Ordinal));
        var request = await Factory.WithDbAsync(db => db.ApprovalRequests.SingleAsync(r => r.Status == ApprovalStatus.Decided));
        Assert.Equal((delegateId, await UserIdAsync(Bcm)), (request.DecidedByUserId!, request.OnBehalfOfUserId!));
    }

    [Fact]
    public async Task A_team_lead_who_is_also_the_areas_bcm_is_never_asked_to_approve_their_own_return()
    {
        var leadId = await UserIdAsync("tl.custody@readiness.demo");
        await Factory.WithDbAsync(async db =>
        {
            var custody = await db.BusinessAreas.SingleAsync(a => a.Code == "CUSTODY");
            db.AreaMemberships.Add(new AreaMembership(custody.Id, leadId, AreaRole.Bcm));
            var bcmRole = await db.Roles.SingleAsync(r => r.Name == Roles.Bcm);
            db.UserRoles.Add(new() { UserId = leadId, RoleId = bcmRole.Id });
            return await db.SaveChangesAsync();
        });

        var id = await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY", "tl.custody@readiness.demo");

        var approvers = await Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.SubjectId == id).Select(r => r.ApproverUserId).ToListAsync());
        Assert.DoesNotContain(leadId, approvers);
        Assert.Contains(await UserIdAsync(Bcm), approvers);
    }

    [Fact]
    public async Task A_request_whose_approver_submitted_the_return_refuses_the_decision()
    {
        var id = await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY", "tl.custody@readiness.demo");
        var leadId = await UserIdAsync("tl.custody@readiness.demo");
        // e.g. the team lead became the area's BCM after the request was made and the request was moved to them.
        var requestId = await Factory.WithDbAsync(async db =>
        {
            var r = await db.ApprovalRequests.FirstAsync(x => x.SubjectId == id);
            await db.Database.ExecuteSqlAsync($"UPDATE \"ApprovalRequests\" SET \"ApproverUserId\" = {leadId} WHERE \"Id\" = {r.Id}");
            return r.Id;
        });
        var lead = await Driver.SignedInAsync("tl.custody@readiness.demo");
        var page = await lead.GetAsync($"/Approvals/Decide/{requestId}");

        var response = await ApprovalDriver.DecideAsync(lead, page, "Approve");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); // the same code as on the email link page
        Assert.Contains("cannot decide on it", (await Browser.ParseAsync(response, "/")).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ApprovalStatus.Pending, await Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync()));
    }
}
