using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Core.Reminders;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The post-go-live review (issue 10, point 4) on THRIVE-BCU, live for three weeks: each impacted area's BCM reviews
/// the area, the SRO is asked once every review is in, keeps the release in hypercare with an action, is asked again when
/// the action is met, and closes the release. Reminders come from the existing sweep.
/// </summary>
public sealed class PostGoLiveReviewTests : EmailedAppTest
{
    private const string Release = "THRIVE-BCU";
    private const string Sro = "sro.contact@readiness.demo";

    private Task<List<(int Id, string Area)>> ReviewsAsync() => Factory.WithDbAsync(async db => (await (from a in db.Assessments
                                                                                                          join g in db.Gates on a.GateId equals g.Id
                                                                                                          join r in db.Releases on a.ReleaseId equals r.Id
                                                                                                          join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                                                                                                          where r.Code == Release && g.Kind == GateKind.PostGoLiveReview
                                                                                                          orderby area.Code
                                                                                                          select new { a.Id, area.Code }).ToListAsync()).Select(x => (x.Id, x.Code)).ToList());

    private Task<string> BcmOfAsync(string area) => Factory.WithDbAsync(db => (from m in db.AreaMemberships
                                                                               join a in db.BusinessAreas on m.BusinessAreaId equals a.Id
                                                                               join u in db.Users on m.UserId equals u.Id
                                                                               where a.Code == area && m.Role == AreaRole.Bcm
                                                                               orderby u.Email
                                                                               select u.Email!).FirstAsync());

    /// <summary>Every area's review submitted by its BCM: TDIU's through the pages, the others through the same use case.</summary>
    private async Task SubmitEveryReviewAsync(IReadOnlyList<(int Id, string Area)> reviews)
    {
        var goLive = await Factory.WithDbAsync(db => db.Releases.Where(r => r.Code == Release).Select(r => r.GoLive).SingleAsync());
        var tdiu = reviews.Single(r => r.Area == "TDIU");
        var bcm = await Driver.SignedInAsync(await BcmOfAsync("TDIU"));
        var pages = new ReturnDriver(Factory, bcm);
        await pages.AnswerAllPassingAsync(tdiu.Id, goLive);
        Assert.Equal(HttpStatusCode.Redirect, (await pages.SubmitAsync(tdiu.Id)).StatusCode);
        foreach (var (id, area) in reviews.Where(r => r.Area != "TDIU"))
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Readiness.Core.Persistence.ReadinessDbContext>();
            var email = await BcmOfAsync(area);
            var actor = new Actor(await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(), new HashSet<string> { Roles.Bcm });
            var criteria = await db.Criteria.AsNoTracking().Where(c => db.TemplateSections.Any(s => s.Id == c.SectionId && s.TemplateId == db.Assessments.Where(a => a.Id == id).Select(a => a.TemplateId).First())).ToListAsync();
            var commands = scope.ServiceProvider.GetRequiredService<ReturnCommands>();
            var changes = criteria.Select(c => new AnswerChange(c.Id, new AnswerContent(ReturnDriver.PassingValue(c, goLive), ReturnDriver.Evidence, ""), 0, AnswerContent.Empty.Fingerprint)).ToList();
            Assert.True((await commands.SaveDraftAsync(actor, id, changes, CancellationToken.None)).Succeeded);
            var version = await db.Assessments.Where(a => a.Id == id).Select(a => a.Version).SingleAsync();
            var submitted = await commands.SubmitAsync(actor, id, version, CancellationToken.None);
            Assert.True(submitted.Succeeded, submitted.Failure?.Message);
        }
    }

    [Fact]
    public async Task Area_reviews_by_the_bcms_then_the_sro_keeps_the_release_in_hypercare_with_an_action_and_closes_it_once_the_action_is_met()
    {
        var reviews = await ReviewsAsync();
        Assert.Equal(14, reviews.Count); // one per impacted area, started when the release went live

        // A team lead reads the area's review but cannot change it: it is the BCM's.
        var lead = await Driver.SignedInAsync("tl.tdiu@readiness.demo");
        Assert.Equal(HttpStatusCode.Redirect, (await lead.GetRawAsync($"/Assessments/Edit/{reviews.Single(r => r.Area == "TDIU").Id}")).StatusCode);

        await SubmitEveryReviewAsync(reviews);
        await Driver.DispatchAsync();

        // The SRO is asked once every review is in, with the indicator and benefit evidence in the pack.
        Assert.Contains("Post-go-live review decision needed: THRIVE-BCU", Driver.LastMailTo(Sro).Subject, StringComparison.Ordinal);
        var sro = await Driver.SignedInAsync(Sro);
        var tab = await sro.GetAsync($"/Releases/{Release}/Review");
        Assert.Contains("14 of 14 areas reviewed", tab.QuerySelector("[data-testid=review-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("an alert is active", tab.QuerySelector("[data-testid=review-indicators] [data-indicator=CALL-101]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Off track", tab.QuerySelector("[data-testid=review-benefits] [data-benefit=THRIVE-101-WAIT]")!.TextContent, StringComparison.Ordinal);
        var decide = tab.QuerySelector("[data-testid=make-review-decision] a")!.GetAttribute("href")!;

        var kept = await ApprovalDriver.DecideAsync(sro, await sro.GetAsync(decide), "KeepInHypercare", "101 answer times are still above threshold",
            new() { ["Form.Conditions[0].Description"] = "101 answer time back under 60 s for two weeks", ["Form.Conditions[0].Owner"] = "MetCC duty manager", ["Form.Conditions[0].Due"] = "T+42" });
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal(ReleaseStatus.Live, await StatusAsync());

        // The action met (by the PMO) asks the SRO again; closing the release ends hypercare and approves the reviews.
        var action = await Factory.WithDbAsync(db => db.ApprovalConditions.Where(c => c.Owner == "MetCC duty manager").Select(c => c.Id).SingleAsync());
        var pmo = await Driver.SignedInAsync("pmo@readiness.demo");
        var met = await pmo.SubmitAsync((await pmo.GetAsync($"/Conditions/{action}")).Forms.Single(f => f.QuerySelector("#Note") is not null), new() { ["Note"] = "Two weeks under 55 s" });
        Assert.Equal(HttpStatusCode.Redirect, met.StatusCode);
        var again = (await sro.GetAsync($"/Releases/{Release}/Review")).QuerySelector("[data-testid=make-review-decision] a")!.GetAttribute("href")!;
        Assert.NotEqual(decide, again);

        var closed = await ApprovalDriver.DecideAsync(sro, await sro.GetAsync(again), "CloseRelease", "Operating as intended; benefits owners measuring");

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(ReleaseStatus.Closed, await StatusAsync());
        Assert.All(await Factory.WithDbAsync(db => db.Assessments.Where(a => reviews.Select(r => r.Id).Contains(a.Id)).Select(a => a.Status).ToListAsync()),
            s => Assert.Equal(AssessmentStatus.Approved, s));
        var page = await sro.GetAsync($"/Releases/{Release}/Review");
        Assert.Contains("Close the release", page.QuerySelector("[data-testid=review-decision]")!.TextContent, StringComparison.Ordinal);
        var journal = await Factory.WithDbAsync(db => db.WorkflowJournal.Where(j => db.WorkflowInstances.Any(i => i.Id == j.InstanceId && i.DefinitionId == "post-go-live-review"))
            .OrderBy(j => j.Id).Select(j => j.ToState).ToListAsync());
        Assert.Equal(["SroReview", "Hypercare", "SroReview", "Closed"], journal);
    }

    [Fact]
    public async Task The_reminder_sweep_reminds_each_bcm_of_their_areas_reviews_a_week_before_they_are_due()
    {
        var tdiu = (await ReviewsAsync()).Single(r => r.Area == "TDIU").Id;

        await using (var scope = Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None);
        await Driver.DispatchAsync();

        var reminded = await Factory.WithDbAsync(db => (from l in db.ReminderLogs
                                                        join u in db.Users on l.RecipientUserId equals u.Id
                                                        where l.ItemKind == ReminderSweep.ReturnItem && l.ItemId == tdiu
                                                        select u.Email).ToListAsync());
        Assert.Equal([await BcmOfAsync("TDIU")], reminded);
        Assert.Contains("THRIVE-BCU Telephone and Digital Investigation Unit (TDIU) – post-go-live review", Driver.LastMailTo(reminded[0]!).TextBody, StringComparison.Ordinal);
    }

    private Task<ReleaseStatus> StatusAsync() => Factory.WithDbAsync(db => db.Releases.Where(r => r.Code == Release).Select(r => r.Status).SingleAsync());
}
