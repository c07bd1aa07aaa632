using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>The embedded default opens mid-flight: demo activity is played through the real workflow, once.</summary>
public sealed class DemoActivityTests
{
    [Fact]
    public async Task The_demo_starts_with_approvals_waiting_a_return_sent_back_and_connect_one_approval_from_its_sro()
    {
        using var factory = new ReadinessFactory(settings: new Dictionary<string, string?> { ["Seed:DemoActivity"] = "true" });

        var statuses = await factory.WithDbAsync(db => (from a in db.Assessments
                                                        join r in db.Releases on a.ReleaseId equals r.Id
                                                        join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                                                        where r.Code == "CONNECT-P1" || r.Code == "SOH-R4"
                                                        select new { Key = r.Code + "/" + area.Code, a.Status }).ToDictionaryAsync(x => x.Key, x => x.Status));

        Assert.Equal(AssessmentStatus.Approved, statuses["CONNECT-P1/CASE"]);
        Assert.Equal(AssessmentStatus.ApprovedWithConditions, statuses["CONNECT-P1/BCU-NE"]);
        Assert.Equal(AssessmentStatus.Submitted, statuses["CONNECT-P1/PROPERTY"]);
        Assert.Equal(AssessmentStatus.Draft, statuses["CONNECT-P1/CUSTODY"]);
        Assert.Equal(AssessmentStatus.Returned, statuses["SOH-R4/TDIU"]);
        var pendingForBcm = await factory.WithDbAsync(db => db.ApprovalRequests.CountAsync(r => r.Status == ApprovalStatus.Pending
            && db.Users.Any(u => u.Id == r.ApproverUserId && u.Email == "bcm.justice@readiness.demo")));
        Assert.Equal(1, pendingForBcm);
        Assert.True(await factory.WithDbAsync(db => db.WorkflowJournal.CountAsync()) >= 30);
    }

    [Fact]
    public async Task Restarting_does_not_play_the_demo_activity_twice()
    {
        var settings = new Dictionary<string, string?> { ["Seed:DemoActivity"] = "true" };
        string folder;
        int journal;
        using (var first = new ReadinessFactory(settings: settings))
        {
            folder = first.Folder;
            journal = await first.WithDbAsync(db => db.WorkflowJournal.CountAsync());
        }

        using var second = new ReadinessFactory(folder, settings);

        Assert.Equal(journal, await second.WithDbAsync(db => db.WorkflowJournal.CountAsync()));
    }
}
