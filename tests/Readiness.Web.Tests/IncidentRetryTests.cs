using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.BusinessAreas;
using Readiness.Infrastructure.Email;
using Readiness.Web.Tests.Infrastructure;
using SmtpServer.Protocol;

namespace Readiness.Web.Tests;

/// <summary>
/// What failed can be put right from /Incidents: an email that ran out of retries is sent again once the mail server is
/// back (one incident, or every failed email at once), a state's action that had nobody to ask runs again once someone
/// is assigned, and a bulk re-send during an outage never leaves an approver without a working link.
/// </summary>
public sealed class IncidentRetryTests : EmailedAppTest
{
    private const string Pmo = "pmo@readiness.demo";
    private const string Bcm = "bcm.justice@readiness.demo";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // A permanent refusal gives up at once: the state "ran out of retries" without waiting for the back-off.
        Smtp.Respond = _ => new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "Mailbox unavailable while the server is being repaired");
    }

    private async Task<HttpResponseMessage> PostOnIncidentsAsync(string handler, int? id = null)
    {
        var pmo = await Driver.SignedInAsync(Pmo);
        var page = await pmo.GetAsync("/Incidents");
        var form = page.Forms.First(f => (f.Action ?? "").Contains($"handler={handler}", StringComparison.Ordinal)
            && (id is null || (f.Action ?? "").Contains($"id={id}", StringComparison.Ordinal)));
        return await pmo.SubmitAsync(form, []);
    }

    [Fact]
    public async Task An_email_that_gave_up_is_sent_when_its_incident_is_retried_after_the_server_is_back()
    {
        await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        var emails = await Factory.WithDbAsync(db => db.Outbox.CountAsync());
        Assert.Equal(emails, (await Driver.DispatchAsync()).Failed); // one per BCM of the area
        var incident = await Factory.WithDbAsync(db => db.Incidents.SingleAsync(i => i.Kind == OutboxDispatcher.IncidentKind && i.Subject.Contains(Bcm)));
        Assert.Equal(0, (await Driver.DispatchAsync()).Total); // given up: never tried again on its own

        Smtp.Respond = _ => SmtpServer.Protocol.SmtpResponse.Ok;
        var retried = await PostOnIncidentsAsync("Retry", incident.Id);
        await Driver.DispatchAsync();

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Single(Smtp.Accepted, m => m.Recipients.Contains(Bcm));
        Assert.NotNull(await Factory.WithDbAsync(db => db.Incidents.Where(i => i.Id == incident.Id).Select(i => i.ResolvedAtUtc).SingleAsync()));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "incident.retried")));
    }

    [Fact]
    public async Task Every_failed_email_is_requeued_at_once_and_their_incidents_resolved()
    {
        await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        await Driver.SubmitReturnAsync("CONNECT-P1", "PROPERTY");
        var failed = (await Driver.DispatchAsync()).Failed;
        Assert.True(failed >= 2);

        Smtp.Respond = _ => SmtpServer.Protocol.SmtpResponse.Ok;
        var requeued = await PostOnIncidentsAsync("Requeue");
        var sent = await Driver.DispatchAsync();

        Assert.Equal(HttpStatusCode.Redirect, requeued.StatusCode);
        Assert.Equal(failed, sent.Sent);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Incidents.CountAsync(i => i.ResolvedAtUtc == null)));
    }

    [Fact]
    public async Task A_bulk_resend_during_an_outage_keeps_the_delivered_link_working()
    {
        Smtp.Respond = _ => SmtpServer.Protocol.SmtpResponse.Ok;
        await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        await Driver.DispatchAsync();
        var delivered = Driver.LinkFor(Bcm);

        Smtp.Respond = _ => new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "Server down");
        var pmo = await Driver.SignedInAsync(Pmo);
        var page = await pmo.GetAsync("/Portfolio/Approvals");
        var form = page.Forms.Single(f => f.QuerySelector("input[name=Selected]") is not null);
        foreach (var box in form.QuerySelectorAll("input[name=Selected]").OfType<AngleSharp.Html.Dom.IHtmlInputElement>()) box.IsChecked = true;
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(form, [])).StatusCode);
        await Driver.DispatchAsync(); // the replacement links cannot be delivered

        var bcm = new Browser(Factory.CreateBrowser());
        var decided = await ApprovalDriver.DecideAsync(bcm, await bcm.GetAsync(delivered), "Approve");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
    }

    [Fact]
    public async Task An_action_with_nobody_to_ask_runs_again_when_retried_after_a_bcm_is_assigned()
    {
        Smtp.Respond = _ => SmtpServer.Protocol.SmtpResponse.Ok;
        var custody = await Factory.WithDbAsync(db => db.BusinessAreas.Where(a => a.Code == "CUSTODY").Select(a => a.Id).SingleAsync());
        var bcmId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == Bcm).Select(u => u.Id).SingleAsync());
        await Factory.WithDbAsync(db => db.AreaMemberships.Where(m => m.BusinessAreaId == custody && m.Role == AreaRole.Bcm).ExecuteDeleteAsync());
        var returnId = await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        var incident = await Factory.WithDbAsync(db => db.Incidents.SingleAsync(i => i.Kind == ApprovalRequester.NoApproverIncident));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ApprovalRequests.CountAsync(r => r.SubjectId == returnId)));

        var tooSoon = await PostOnIncidentsAsync("Retry", incident.Id);
        await Factory.WithDbAsync(async db =>
        {
            db.AreaMemberships.Add(new AreaMembership(custody, bcmId, AreaRole.Bcm));
            return await db.SaveChangesAsync();
        });
        var retried = await PostOnIncidentsAsync("Retry", incident.Id);
        await Driver.DispatchAsync();

        Assert.Equal(HttpStatusCode.Conflict, tooSoon.StatusCode); // still nobody to ask: it says so, nothing changes
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ApprovalRequests.CountAsync(r => r.SubjectId == returnId && r.Status == ApprovalStatus.Pending)));
        Assert.Contains("/Decide/", Driver.LastMailTo(Bcm).TextBody, StringComparison.Ordinal);
    }
}
