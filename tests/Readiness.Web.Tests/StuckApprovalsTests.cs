using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Portfolio;
using Readiness.Core.Reminders;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>The PMO sees who is holding up decisions and for how long, and can re-send the links (old ones stop working).</summary>
public sealed class StuckApprovalsTests : EmailedAppTest
{
    private const string Pmo = "pmo@readiness.demo";
    private const string Bcm = "bcm.justice@readiness.demo";
    private string _oldLink = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        await Driver.DispatchAsync();
        _oldLink = Driver.LinkFor(Bcm);
        Factory.Clock.Advance(TimeSpan.FromDays(2)); // within the links' 72-hour lifetime
    }

    private Task<List<int>> PendingIdsAsync() => Factory.WithDbAsync(db => db.ApprovalRequests
        .Where(r => r.Status == ApprovalStatus.Pending).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());

    [Fact]
    public async Task Waiting_decisions_are_grouped_by_approver_with_their_age_due_date_and_no_reminders_yet()
    {
        var page = await (await Driver.SignedInAsync(Pmo)).GetAsync("/Portfolio/Approvals");

        var section = page.QuerySelector($"section[data-approver='{Bcm}']")!;
        var row = section.QuerySelector("tr[data-request]")!;
        Assert.Contains("CONNECT-P1", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Custody", row.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("2 day(s)", row.QuerySelector("[data-testid=age]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("No reminders yet", row.QuerySelector("[data-testid=reminders]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Reminders_and_escalations_from_the_reminder_log_are_listed_against_the_request()
    {
        var id = (await PendingIdsAsync()).First();
        await Factory.WithDbAsync(async db =>
        {
            var approver = await db.ApprovalRequests.Where(r => r.Id == id).Select(r => r.ApproverUserId).SingleAsync();
            var sro = await db.Releases.Where(r => r.Code == "CONNECT-P1").Select(r => r.SroUserId).SingleAsync();
            db.ReminderLogs.Add(new ReminderLog(approver, StuckApprovals.ReminderItemKind, id, new DateOnly(2026, 3, 3), 0, DateTime.UtcNow));
            db.ReminderLogs.Add(new ReminderLog(sro, StuckApprovals.ReminderItemKind, id, new DateOnly(2026, 3, 4), 2, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

        var page = await (await Driver.SignedInAsync(Pmo)).GetAsync("/Portfolio/Approvals");

        var items = page.QuerySelector($"tr[data-request='{id}'] [data-testid=reminders]")!.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(2, items.Count);
        Assert.StartsWith("Tue 3 Mar 2026: Reminder", items[0], StringComparison.Ordinal);
        Assert.StartsWith("Wed 4 Mar 2026: Escalated to the SRO", items[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_re_sent_request_keeps_the_age_and_reminder_history_of_the_link_it_replaced()
    {
        var id = (await PendingIdsAsync()).First();
        await Factory.WithDbAsync(async db =>
        {
            var approver = await db.ApprovalRequests.Where(r => r.Id == id).Select(r => r.ApproverUserId).SingleAsync();
            db.ReminderLogs.Add(new ReminderLog(approver, StuckApprovals.ReminderItemKind, id, new DateOnly(2026, 3, 3), 0, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var pmo = await Driver.SignedInAsync(Pmo);
        var form = (await pmo.GetAsync("/Portfolio/Approvals")).Forms.Single(f => f.QuerySelector("input[name=Selected]") is not null);
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(form, new() { ["Selected"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) })).StatusCode);

        var replacement = (await PendingIdsAsync()).Max();
        var page = await pmo.GetAsync("/Portfolio/Approvals");

        Assert.Null(page.QuerySelector($"tr[data-request='{id}']"));
        Assert.StartsWith("2 day(s)", page.QuerySelector($"tr[data-request='{replacement}'] [data-testid=age]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("Tue 3 Mar 2026: Reminder", page.QuerySelector($"tr[data-request='{replacement}'] [data-testid=reminders] li")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    private Task<List<ApprovalStatus>> StatusesAsync(IReadOnlyCollection<int> ids) =>
        Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => ids.Contains(r.Id)).Select(r => r.Status).ToListAsync());

    [Fact]
    public async Task While_a_re_sent_link_waits_to_be_delivered_the_headers_count_and_the_inbox_count_the_decision_once()
    {
        var bcm = await Driver.SignedInAsync(Bcm);
        var waiting = (await bcm.GetAsync("/Approvals")).QuerySelectorAll("[data-testid=pending] tbody tr").Length;
        Assert.True(waiting > 0, "The BCM has no decision waiting: nothing to re-send.");
        var pmo = await Driver.SignedInAsync(Pmo);
        var form = (await pmo.GetAsync("/Portfolio/Approvals")).Forms.Single(f => f.QuerySelector("input[name=Selected]") is not null);
        foreach (var box in form.QuerySelectorAll("input[name=Selected]").OfType<AngleSharp.Html.Dom.IHtmlInputElement>()) box.IsChecked = true;
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(form, [])).StatusCode);

        // Not dispatched: each old request and its replacement are both pending, and are one decision.
        var inbox = await bcm.GetAsync("/Approvals");
        Assert.Contains($"Waiting for you ({waiting})", inbox.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        var badge = inbox.QuerySelector(".govuk-service-navigation__link[href='/Approvals'] .app-badge")!;
        Assert.Equal($"{waiting} waiting for you", badge.TextContent.Trim()); // counted the old and new request both
    }

    [Fact]
    public async Task Bulk_resend_emails_new_links_revokes_each_old_one_once_its_replacement_is_delivered_and_audits_each()
    {
        var before = await PendingIdsAsync();
        var pmo = await Driver.SignedInAsync(Pmo);
        var page = await pmo.GetAsync("/Portfolio/Approvals");
        var form = page.Forms.Single(f => f.QuerySelector("input[name=Selected]") is not null);
        foreach (var box in form.QuerySelectorAll("input[name=Selected]").OfType<AngleSharp.Html.Dom.IHtmlInputElement>()) box.IsChecked = true;
        var oldPage = await new Browser(Factory.CreateBrowser()).GetAsync(_oldLink);
        Assert.NotNull(oldPage.QuerySelector("input[name='Form.Decision']"));

        var response = await pmo.SubmitAsync(form, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await pmo.GetAsync(response.Headers.Location!.ToString());
        Assert.Contains($"{before.Count} link(s) re-sent", after.QuerySelector(".govuk-notification-banner--success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before.Count, (await PendingIdsAsync()).Except(before).Count());
        Assert.Equal(before.Count, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "approval.resent")));
        // Until the new emails are delivered, the old links still work: nobody is left without one.
        Assert.All(await StatusesAsync(before), s => Assert.Equal(ApprovalStatus.Pending, s));
        Assert.NotNull((await new Browser(Factory.CreateBrowser()).GetAsync(_oldLink)).QuerySelector("input[name='Form.Decision']"));

        await Driver.DispatchAsync();

        // Delivered: each old link is revoked and decides nothing; the newly emailed one does.
        Assert.All(await StatusesAsync(before), s => Assert.Equal(ApprovalStatus.Revoked, s));
        var stale = new Browser(Factory.CreateBrowser());
        Assert.Null((await stale.GetAsync(_oldLink)).QuerySelector("input[name='Form.Decision']"));
        var refused = await ApprovalDriver.DecideAsync(stale, oldPage, "Approve");
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        var newLink = Driver.LinkFor(Bcm);
        Assert.NotEqual(_oldLink, newLink);
        var fresh = new Browser(Factory.CreateBrowser());
        var decided = await ApprovalDriver.DecideAsync(fresh, await fresh.GetAsync(newLink), "Approve");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
    }

    [Fact]
    public async Task Resending_with_nothing_selected_says_what_to_do_and_changes_nothing()
    {
        var before = await PendingIdsAsync();
        var pmo = await Driver.SignedInAsync(Pmo);
        var form = (await pmo.GetAsync("/Portfolio/Approvals")).Forms.Single(f => f.QuerySelector("input[name=Selected]") is not null);

        var response = await pmo.SubmitAsync(form, []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response, "/Portfolio/Approvals");
        Assert.Contains("Select at least one request", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await PendingIdsAsync());
    }

    [Fact]
    public async Task Only_the_pmo_sees_stuck_approvals()
    {
        var response = await (await Driver.SignedInAsync(Bcm)).GetRawAsync("/Portfolio/Approvals");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
