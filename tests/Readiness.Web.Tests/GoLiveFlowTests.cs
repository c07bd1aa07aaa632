using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// From returns to go-live: when every impacted area's return is approved the SRO's email arrives, the go / no-go
/// decision is recorded with a DCA, and the go-live timer moves the release into post-go-live monitoring.
/// </summary>
public sealed class GoLiveFlowTests : EmailedAppTest
{
    private const string Release = "CRS-LAUNCH"; // MetCC, TDIU and Local Resolution Teams
    private const string Sro = "sro.contact@readiness.demo";

    private Task<string?> GateStateAsync() => Factory.WithDbAsync(db => (from i in db.WorkflowInstances
                                                                         join g in db.Gates on i.SubjectId equals g.Id
                                                                         where i.SubjectKind == SubjectKinds.Gate && g.Release!.Code == Release && g.Kind == GateKind.GoNoGo
                                                                         select i.State).SingleOrDefaultAsync());

    private async Task<HttpResponseMessage> SroDecidesAsync(string decision, string dca, string rationale, Dictionary<string, string>? extra = null)
    {
        await Driver.DispatchAsync();
        var browser = new Browser(Factory.CreateBrowser());
        var page = await browser.GetAsync(Driver.LinkFor(Sro));
        var values = new Dictionary<string, string>(extra ?? []) { ["Form.Dca"] = dca };
        return await ApprovalDriver.DecideAsync(browser, page, decision, rationale, values);
    }

    [Fact]
    public async Task The_sro_is_asked_only_when_every_area_is_approved_and_go_starts_monitoring_at_go_live()
    {
        await Driver.SubmitAndDecideAsync(Release, "METCC");
        await Driver.SubmitAndDecideAsync(Release, "TDIU");
        await Driver.DispatchAsync();
        Assert.DoesNotContain(Smtp.Accepted, m => m.Recipients.Contains(Sro) && (m.Message.Subject ?? "").StartsWith("Go / no-go decision needed", StringComparison.Ordinal));
        Assert.Equal("CollectingReturns", await GateStateAsync());

        await Driver.SubmitAndDecideAsync(Release, "LRT");
        var go = await SroDecidesAsync("Go", "AmberGreen", "All areas ready; hypercare staffed.");

        Assert.Equal(HttpStatusCode.Redirect, go.StatusCode);
        Assert.Contains("Go / no-go decision needed: CRS-LAUNCH", Driver.LastMailTo(Sro).Subject, StringComparison.Ordinal);
        Assert.Equal("Go", await GateStateAsync());
        var decided = await Factory.WithDbAsync(db => db.ApprovalRequests.SingleAsync(r => r.Kind == ApprovalKind.GoLive && r.Status == ApprovalStatus.Decided));
        Assert.Equal((Decision.Go, Dca.AmberGreen), (decided.Decision!.Value, decided.Dca!.Value));

        var goLive = await Factory.WithDbAsync(db => db.Releases.Where(r => r.Code == Release).Select(r => r.GoLive).SingleAsync());
        Factory.Clock.SetUtcNow(new DateTimeOffset(goLive.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<WorkflowClock>().FireDueTimersAsync(CancellationToken.None));
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<WorkflowClock>().FireDueTimersAsync(CancellationToken.None));
        }
        Assert.Equal("PostGoLiveMonitoring", await GateStateAsync());
        Assert.Equal(ReleaseStatus.Live, await Factory.WithDbAsync(db => db.Releases.Where(r => r.Code == Release).Select(r => r.Status).SingleAsync()));
        // Going live starts the post-go-live review: a review per impacted area, its workflow collecting them.
        var review = await Factory.WithDbAsync(db => (from i in db.WorkflowInstances
                                                      join g in db.Gates on i.SubjectId equals g.Id
                                                      where i.SubjectKind == SubjectKinds.Gate && g.Release!.Code == Release && g.Kind == GateKind.PostGoLiveReview
                                                      select new { i.State, Reviews = db.Assessments.Count(a => a.GateId == g.Id) }).SingleAsync());
        Assert.Equal(("CollectingReviews", 3), (review.State, review.Reviews));
    }

    /// <summary>Every area approves; MetCC's BCM with a condition due a week before go-live.</summary>
    private async Task AllApprovedWithAPreGoLiveConditionAsync()
    {
        await Driver.SubmitAndDecideAsync(Release, "METCC", "ApproveWithConditions", "Train the night shift first", new()
        {
            ["Form.Conditions[0].Description"] = "Night shift trained",
            ["Form.Conditions[0].Owner"] = "MetCC training lead",
            ["Form.Conditions[0].Due"] = "T-7",
        });
        await Driver.SubmitAndDecideAsync(Release, "TDIU");
        await Driver.SubmitAndDecideAsync(Release, "LRT");
    }

    [Fact]
    public async Task An_unmet_pre_go_live_condition_blocks_go_but_not_go_with_conditions()
    {
        await AllApprovedWithAPreGoLiveConditionAsync();

        var go = await SroDecidesAsync("Go", "Amber", "Ready");
        Assert.Equal(HttpStatusCode.BadRequest, go.StatusCode);
        Assert.Contains("Go is blocked", (await Browser.ParseAsync(go, "/")).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("SroDecision", await GateStateAsync());

        var conditional = await SroDecidesAsync("GoWithConditions", "Amber", "Go; the night shift is trained in hypercare", new()
        {
            ["Form.Conditions[0].Description"] = "Night shift trained during hypercare",
            ["Form.Conditions[0].Owner"] = "MetCC training lead",
            ["Form.Conditions[0].Due"] = "T+7",
        });
        Assert.Equal(HttpStatusCode.Redirect, conditional.StatusCode);
        Assert.Equal("GoWithConditions", await GateStateAsync());
    }

    [Fact]
    public async Task Once_the_pmo_records_the_condition_met_the_sro_can_decide_go_from_the_inbox()
    {
        await AllApprovedWithAPreGoLiveConditionAsync();
        await Driver.DispatchAsync();
        var link = Driver.LinkFor(Sro);
        var conditionId = await Factory.WithDbAsync(db => db.ApprovalConditions.Select(c => c.Id).SingleAsync());

        var pmo = await Driver.SignedInAsync("pmo@readiness.demo");
        var met = await pmo.SubmitAsync((await pmo.GetAsync($"/Conditions/{conditionId}")).Forms.First(f => f.QuerySelector("#Note") is not null),
            new() { ["Note"] = "Training register signed off" });
        Assert.Equal(HttpStatusCode.Redirect, met.StatusCode);

        var sro = await Driver.SignedInAsync(Sro);
        Assert.NotNull((await sro.GetAsync(link)).QuerySelector("[data-testid=stale]"));
        var inbox = await sro.GetAsync("/Approvals");
        var page = await sro.GetAsync(inbox.QuerySelector("[data-testid=pending] a")!.GetAttribute("href")!);
        var go = await ApprovalDriver.DecideAsync(sro, page, "Go", "Condition met; ready", new() { ["Form.Dca"] = "Green" });

        Assert.Equal(HttpStatusCode.Redirect, go.StatusCode);
        Assert.Equal("Go", await GateStateAsync());
    }

    [Fact]
    public async Task The_sro_must_give_a_dca_and_a_rationale()
    {
        foreach (var area in new[] { "METCC", "TDIU", "LRT" }) await Driver.SubmitAndDecideAsync(Release, area);
        await Driver.DispatchAsync();
        var browser = new Browser(Factory.CreateBrowser());
        var page = await browser.GetAsync(Driver.LinkFor(Sro));

        var response = await ApprovalDriver.DecideAsync(browser, page, "Go");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = (await Browser.ParseAsync(response, "/")).QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("Delivery Confidence Assessment", text, StringComparison.Ordinal);
        Assert.Contains("rationale", text, StringComparison.Ordinal);
        Assert.Equal("SroDecision", await GateStateAsync());
    }

    [Fact]
    public async Task When_the_last_bcm_approves_with_conditions_the_sro_link_opens_a_current_pack_that_lists_them()
    {
        await Driver.SubmitAndDecideAsync(Release, "METCC");
        await Driver.SubmitAndDecideAsync(Release, "TDIU");
        await Driver.SubmitAndDecideAsync(Release, "LRT", "ApproveWithConditions", "Cover the rota gap in week one", new()
        {
            ["Form.Conditions[0].Description"] = "Rota gap covered by overtime",
            ["Form.Conditions[0].Owner"] = "LRT duty inspector",
            ["Form.Conditions[0].Due"] = "T+7",
        });
        await Driver.DispatchAsync();
        var browser = new Browser(Factory.CreateBrowser());
        var page = await browser.GetAsync(Driver.LinkFor(Sro));

        Assert.Null(page.QuerySelector("[data-testid=stale]"));
        Assert.Contains("Rota gap covered by overtime", page.QuerySelector("[data-testid=conditions]")?.TextContent ?? "", StringComparison.Ordinal);
        var go = await ApprovalDriver.DecideAsync(browser, page, "Go", "Ready; the rota condition is after go-live.", new() { ["Form.Dca"] = "Green" });
        Assert.Equal(HttpStatusCode.Redirect, go.StatusCode);
        Assert.Equal("Go", await GateStateAsync());
    }
}
