using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Readiness.Core.Notifications;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>The demo inbox (/Dev/Mail) and the Hangfire dashboard, on the real app with Hangfire's SQLite storage beside EF's.</summary>
public sealed class DevMailPageTests(DevMailPageTests.Fixture fixture) : IClassFixture<DevMailPageTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public ReadinessFactory Shown { get; } = new(settings: new Dictionary<string, string?> { ["Email:ShowMailPage"] = "true" });
        public ReadinessFactory Hidden { get; } = new(settings: new Dictionary<string, string?> { ["Email:ShowMailPage"] = "false" });

        public void Dispose()
        {
            Shown.Dispose();
            Hidden.Dispose();
        }
    }

    private const string Lead = "tl.custody@readiness.demo";

    private static Task<OutboxMessage> AddMessageAsync(ReadinessFactory factory, string subject, string to = Lead) => factory.WithDbAsync(async db =>
    {
        var message = new OutboxMessage("ApprovalRequest", to, "Sam Okafor", subject,
            $"Dear Sam,\n\n{subject}\n\nhttps://readiness.example/approve/t1\n",
            $"<!DOCTYPE html><html><head><title>{subject}</title></head><body><p>{subject}</p><a href=\"https://readiness.example/approve/t1\">Review</a></body></html>",
            factory.Clock.GetUtcNow().UtcDateTime, "readiness.local");
        db.Outbox.Add(message);
        await db.SaveChangesAsync();
        return message;
    });

    private static async Task<Browser> SignedInAsync(ReadinessFactory factory, string email)
    {
        var browser = new Browser(factory.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    [Fact]
    public async Task When_shown_the_mail_page_lists_an_outbox_message_with_its_status_and_the_nav_links_to_it()
    {
        await AddMessageAsync(fixture.Shown, "Approval needed: Custody, listed");
        var browser = await SignedInAsync(fixture.Shown, "tl.custody@readiness.demo");

        var response = await browser.GetRawAsync("/Dev/Mail");
        var page = await Browser.ParseAsync(response, "/Dev/Mail");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(page.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Approval needed: Custody, listed", StringComparison.Ordinal));
        Assert.Contains(Lead, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Pending", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("nav a"), a => a.TextContent == "Mail (demo)" && a.GetAttribute("href") == "/Dev/Mail");
    }

    [Fact]
    public async Task The_message_page_shows_headers_the_html_part_in_a_sandboxed_frame_and_the_text_part()
    {
        var message = await AddMessageAsync(fixture.Shown, "Approval needed: Custody, opened");
        var browser = await SignedInAsync(fixture.Shown, "tl.custody@readiness.demo");

        var page = await browser.GetAsync($"/Dev/Mail/{message.Id}");

        Assert.Equal("Approval needed: Custody, opened", page.QuerySelector("h1")!.TextContent);
        Assert.Contains($"<{message.MessageId}>", page.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);
        var frame = page.QuerySelector("iframe")!;
        Assert.Equal("allow-top-navigation-by-user-activation allow-popups", frame.GetAttribute("sandbox"));
        var html = await browser.Client.GetAsync(frame.GetAttribute("src")!);
        var body = await html.Content.ReadAsStringAsync();
        Assert.Contains("<head><base target=\"_top\">", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://readiness.example/approve/t1\">Review</a>", body, StringComparison.Ordinal);
        // The email keeps its inline styles under a policy of its own; only the app may frame it.
        Assert.Equal(Readiness.Web.Infrastructure.SecurityHeaders.EmailPreviewPolicy, html.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("https://readiness.example/approve/t1", page.QuerySelector("pre")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mail_page_shows_25_messages_a_page_newest_first()
    {
        for (var i = 0; i < 30; i++) await AddMessageAsync(fixture.Shown, $"Bulk {i:00}");
        var browser = await SignedInAsync(fixture.Shown, "tl.custody@readiness.demo");

        var first = await browser.GetAsync("/Dev/Mail");
        var second = await browser.GetAsync("/Dev/Mail?p=2");

        var firstRows = first.QuerySelectorAll("tbody tr");
        Assert.Equal(25, firstRows.Length);
        Assert.Contains("Bulk 29", firstRows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Bulk 05", firstRows[24].TextContent, StringComparison.Ordinal);
        Assert.Contains("Bulk 04", second.QuerySelectorAll("tbody tr")[0].TextContent, StringComparison.Ordinal);
    }

    /// <summary>The defect: every signed-in person saw every email, so a team lead could open the BCM's decision link.</summary>
    [Fact]
    public async Task A_person_sees_only_the_mail_addressed_to_them_and_cannot_open_anyone_elses()
    {
        var theirs = await AddMessageAsync(fixture.Shown, "Decision needed: for the BCM only", to: "bcm.justice@readiness.demo");
        await AddMessageAsync(fixture.Shown, "Returned: for the team lead");
        var lead = await SignedInAsync(fixture.Shown, Lead);

        var list = await lead.GetAsync("/Dev/Mail");
        var other = await lead.GetRawAsync($"/Dev/Mail/{theirs.Id}");

        Assert.Contains(list.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Returned: for the team lead", StringComparison.Ordinal));
        Assert.DoesNotContain(list.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("for the BCM only", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task The_pmo_sees_everyones_mail()
    {
        var theirs = await AddMessageAsync(fixture.Shown, "Decision needed: seen by the PMO", to: "bcm.justice@readiness.demo");
        var pmo = await SignedInAsync(fixture.Shown, "pmo@readiness.demo");

        Assert.Equal(HttpStatusCode.OK, (await pmo.GetRawAsync($"/Dev/Mail/{theirs.Id}")).StatusCode);
        Assert.Contains((await pmo.GetAsync("/Dev/Mail")).QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("seen by the PMO", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_development_or_the_option_the_mail_pages_do_not_exist()
    {
        var message = await AddMessageAsync(fixture.Hidden, "Not shown");
        var browser = await SignedInAsync(fixture.Hidden, "pmo@readiness.demo");

        var list = await browser.GetRawAsync("/Dev/Mail");
        var one = await browser.GetRawAsync($"/Dev/Mail/{message.Id}");
        var home = await browser.GetAsync("/Releases");

        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
        Assert.DoesNotContain(home.QuerySelectorAll("nav a"), a => a.TextContent == "Mail (demo)");
    }

    [Fact]
    public async Task The_hangfire_dashboard_is_for_the_pmo_only()
    {
        var anonymous = await fixture.Shown.CreateBrowser().GetAsync("/hangfire");
        var teamLead = await (await SignedInAsync(fixture.Shown, "tl.custody@readiness.demo")).GetRawAsync("/hangfire");
        var pmo = await (await SignedInAsync(fixture.Shown, "pmo@readiness.demo")).GetRawAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/SignIn", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, teamLead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pmo.StatusCode);
        Assert.Contains("outbox-dispatch", await (await SignedInAsync(fixture.Shown, "pmo@readiness.demo")).Client.GetStringAsync("/hangfire/recurring"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tests_run_no_hangfire_server_and_keep_its_storage_with_the_test()
    {
        var hosted = fixture.Shown.Services.GetServices<IHostedService>();

        Assert.DoesNotContain(hosted, s => s.GetType().Name == "BackgroundJobServerHostedService");
        if (fixture.Shown.Database.IsPostgres)
            Assert.Equal(1, await fixture.Shown.WithDbAsync(db => db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM information_schema.schemata WHERE schema_name = 'hangfire'").SingleAsync()));
        else
            Assert.True(File.Exists(Path.Combine(fixture.Shown.Folder, "hangfire.db")));
    }
}
