using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// A PMO change can complete a release's readiness returns without anyone approving anything. The SRO must then be
/// asked for the go / no-go decision just as if the last approval had done it. IF-DATA-OFFICE impacts three areas:
/// DATA-OFFICE, INTEL and DIGITAL-SD; its SRO is sro.enabling@readiness.demo.
/// </summary>
public sealed class AdminGateProgressTests
{
    private const string Release = "IF-DATA-OFFICE";
    private const string Sro = "sro.enabling@readiness.demo";

    private static IHtmlFormElement AdminForm(IDocument page) => (IHtmlFormElement)page.QuerySelector("form#admin-form")!;

    private static Task<List<ApprovalStatus>> GoLiveRequestsAsync(ReadinessFactory app) => app.WithDbAsync(db =>
        (from q in db.ApprovalRequests
         join r in db.Releases on q.ReleaseId equals r.Id
         join u in db.Users on q.ApproverUserId equals u.Id
         where r.Code == Release && q.Kind == ApprovalKind.GoLive && u.Email == Sro
         select q.Status).ToListAsync());

    private static Task<int> SroEmailsAsync(ReadinessFactory app) =>
        app.WithDbAsync(db => db.Outbox.CountAsync(m => m.ToAddress == Sro && m.Subject.StartsWith("Go / no-go decision needed: " + Release)));

    [Fact]
    public async Task Removing_the_last_open_areas_impact_asks_the_SRO_for_the_go_no_go_decision()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var app = new ReadinessFactory(settings: ApprovalDriver.SmtpSettings(smtp));
        var driver = new ApprovalDriver(app, smtp);
        Assert.Equal(HttpStatusCode.Redirect, (await driver.SubmitAndDecideAsync(Release, "DATA-OFFICE")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await driver.SubmitAndDecideAsync(Release, "INTEL")).StatusCode);
        Assert.Empty(await GoLiveRequestsAsync(app)); // DIGITAL-SD is still open

        var pmo = await driver.SignedInAsync("pmo@readiness.demo");
        var page = await pmo.GetAsync($"/Admin/Releases/{Release}/Impacts");
        var remove = page.Forms.Single(f => f.Action.Contains("handler=Remove", StringComparison.Ordinal) && f.ParentElement!.ParentElement!.GetAttribute("data-impact") == "DIGITAL-SD");
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(remove, [])).StatusCode);

        Assert.Equal([ApprovalStatus.Pending], await GoLiveRequestsAsync(app));
        Assert.Equal(1, await SroEmailsAsync(app));
        var journal = await app.WithDbAsync(db => db.WorkflowJournal.Where(j => j.Trigger == GateTriggers.AllReturnsApproved).CountAsync());
        Assert.Equal(1, journal);
    }

    [Fact]
    public async Task Adding_a_go_no_go_gate_after_every_return_is_approved_asks_the_SRO_and_an_edit_that_completes_nothing_asks_nobody()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var app = new ReadinessFactory(settings: ApprovalDriver.SmtpSettings(smtp));
        var driver = new ApprovalDriver(app, smtp);
        var pmo = await driver.SignedInAsync("pmo@readiness.demo");
        var gatesUrl = $"/Admin/Releases/{Release}/Gates";
        var goNoGo = await app.WithDbAsync(db => db.Gates.Where(g => g.Release!.Code == Release && g.Kind == GateKind.GoNoGo).Select(g => g.Id).SingleAsync());
        var confirm = AdminForm(await pmo.GetAsync($"{gatesUrl}/{goNoGo}/Remove"));
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(confirm, new() { ["Confirm"] = "true" })).StatusCode);

        // Every area approved with no go / no-go gate: nobody to ask yet.
        foreach (var area in new[] { "DATA-OFFICE", "INTEL", "DIGITAL-SD" })
            Assert.Equal(HttpStatusCode.Redirect, (await driver.SubmitAndDecideAsync(Release, area)).StatusCode);
        Assert.Empty(await GoLiveRequestsAsync(app));

        var added = await pmo.SubmitAsync(AdminForm(await pmo.GetAsync(gatesUrl)), new() { ["Gate.Kind"] = "GoNoGo", ["Gate.Name"] = "Go / no-go decision", ["Gate.OffsetDays"] = "-7" });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal([ApprovalStatus.Pending], await GoLiveRequestsAsync(app));
        Assert.Equal(1, await SroEmailsAsync(app));
    }

    [Fact]
    public async Task A_gate_edit_on_a_release_with_open_returns_starts_no_go_live_workflow()
    {
        using var app = new ReadinessFactory();
        var pmo = new Browser(app.CreateBrowser());
        await pmo.SignInAsync("pmo@readiness.demo");
        var goNoGo = await app.WithDbAsync(db => db.Gates.Where(g => g.Release!.Code == Release && g.Kind == GateKind.GoNoGo).Select(g => g.Id).SingleAsync());
        var gatesUrl = $"/Admin/Releases/{Release}/Gates";

        var edited = await pmo.SubmitAsync(AdminForm(await pmo.GetAsync($"{gatesUrl}?edit={goNoGo}")), new() { ["Gate.OffsetDays"] = "-10" });

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.WorkflowInstances.CountAsync(i => i.SubjectKind == SubjectKinds.Gate && i.SubjectId == goNoGo)));
    }
}
