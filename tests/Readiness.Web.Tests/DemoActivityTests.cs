using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Audit;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Startup;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task Demo_activity_carries_past_times_in_order_with_the_audit_chain_intact_and_waiting_links_still_valid()
    {
        using var factory = new ReadinessFactory(settings: new Dictionary<string, string?> { ["Seed:DemoActivity"] = "true" });
        var now = factory.Clock.GetUtcNow().UtcDateTime;

        // CONNECT-P1 Case was submitted 12 days ago (09:30 London, GMT in February) and approved 10 days ago.
        var caseSubmitted = await factory.WithDbAsync(db => (from a in db.Assessments
                                                             join r in db.Releases on a.ReleaseId equals r.Id
                                                             join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                                                             where r.Code == "CONNECT-P1" && area.Code == "CASE"
                                                             select a.SubmittedAtUtc).SingleAsync());
        Assert.Equal(new DateTime(2026, 2, 18, 9, 30, 0), caseSubmitted);
        var times = await factory.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.ChainIndex).Select(e => e.AtUtc).ToListAsync());
        Assert.True(times[0] < now.AddDays(-11), $"The first audit entry is at {times[0]:O}, not in the past.");
        Assert.Equal(times.Order().ToList(), times); // the chain reads forwards in time
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<AuditVerification>().CheckAsync(CancellationToken.None)).Intact);

        // Requests still waiting were asked yesterday: their emailed links have not expired.
        var waiting = await factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.Status == ApprovalStatus.Pending).Select(r => new { r.CreatedAtUtc, r.TokenExpiresAtUtc }).ToListAsync());
        Assert.NotEmpty(waiting);
        Assert.All(waiting, r => Assert.True(r.CreatedAtUtc < now.AddHours(-12) && r.TokenExpiresAtUtc > now, $"asked {r.CreatedAtUtc:O}, link expires {r.TokenExpiresAtUtc:O}"));
    }

    [Fact]
    public void A_decision_dated_before_its_submission_is_refused_with_the_entry_and_field_before_anything_is_written()
    {
        var folder = Directory.CreateTempSubdirectory("readiness-demo-activity-").FullName;
        var file = Path.Combine(folder, DemoActivitySeeder.File);
        File.WriteAllText(file, """
            { "returns": [
              { "release": "CONNECT-P1", "area": "CASE", "answers": "pass", "decision": "Approve", "submittedDaysAgo": 3, "decidedDaysAgo": 2 },
              { "release": "CONNECT-P1", "area": "BCU-CW", "answers": "pass", "decision": "Approve", "submittedDaysAgo": 2, "decidedDaysAgo": 5 }
            ] }
            """);

        var error = Assert.Throws<StartupValidationException>(() => DemoActivitySeeder.Read(folder));

        Assert.StartsWith("demo-activity.json: $.returns[1].decidedDaysAgo: 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and submittedDaysAgo (2)", error.Message, StringComparison.Ordinal);
    }
}
