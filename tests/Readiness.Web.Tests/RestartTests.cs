using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>A workflow waiting for a decision survives the host being rebuilt on the same database: nothing lost, nothing duplicated.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_return_waiting_for_the_bcm_is_decided_from_the_old_email_after_a_restart()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        string folder, link;
        int returnId;
        (int Requests, int Outbox, int Journal, int Instances) before;
        await using (var first = new ReadinessFactory(settings: ApprovalDriver.SmtpSettings(smtp)))
        {
            folder = first.Folder;
            var driver = new ApprovalDriver(first, smtp);
            returnId = await driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
            await driver.DispatchAsync();
            link = driver.LinkFor("bcm.justice@readiness.demo");
            before = await CountsAsync(first);
        }

        await using var second = new ReadinessFactory(folder, ApprovalDriver.SmtpSettings(smtp));
        var afterRestart = await CountsAsync(second);
        var browser = new Browser(second.CreateBrowser());
        var page = await browser.GetAsync(link);
        var response = await ApprovalDriver.DecideAsync(browser, page, "Approve", "Fine after the restart");
        var sentAgain = await new ApprovalDriver(second, smtp).DispatchAsync();

        Assert.Equal(before, afterRestart);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AssessmentStatus.Approved, await second.WithDbAsync(db => db.Assessments.Where(a => a.Id == returnId).Select(a => a.Status).SingleAsync()));
        Assert.Equal("Approved", await second.WithDbAsync(db => db.WorkflowInstances.Where(i => i.SubjectId == returnId && i.SubjectKind == "AreaReturn").Select(i => i.State).SingleAsync()));
        Assert.Equal(0, sentAgain.Sent);
        Assert.Single(smtp.Accepted, m => m.Recipients.Contains("bcm.justice@readiness.demo"));
    }

    private static Task<(int, int, int, int)> CountsAsync(ReadinessFactory factory) => factory.WithDbAsync(async db => (
        await db.ApprovalRequests.CountAsync(), await db.Outbox.CountAsync(), await db.WorkflowJournal.CountAsync(), await db.WorkflowInstances.CountAsync()));
}
