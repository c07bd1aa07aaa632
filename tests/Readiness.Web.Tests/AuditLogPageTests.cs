using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The PMO's audit log: every decision with who, how and from where; searchable and paginated; and a check of the
/// hash chain that notices an entry changed behind the application's back.
/// </summary>
public sealed class AuditLogPageTests : EmailedAppTest
{
    private const string Release = "CONNECT-P1";
    private const string Bcm = "bcm.justice@readiness.demo";
    private const string Pmo = "pmo@readiness.demo";
    private const string TeamLead = "tl.custody@readiness.demo";

    private async Task CustodyReturnApprovedByEmailAsync()
    {
        await Driver.SubmitReturnAsync(Release, "CUSTODY");
        await Driver.DispatchAsync();
        var browser = new Browser(Factory.CreateBrowser());
        var decided = await ApprovalDriver.DecideAsync(browser, await browser.GetAsync(Driver.LinkFor(Bcm)), "Approve", "Ready.");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
    }

    private async Task<IDocument> AuditPageAsync(string query = "")
    {
        var browser = await Driver.SignedInAsync(Pmo);
        var response = await browser.GetRawAsync("/Audit" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Browser.ParseAsync(response, "/Audit" + query);
    }

    private sealed record Row(string Index, string Actor, string Channel, string Action, string Subject, string Summary);

    private static List<Row> Rows(IDocument page)
    {
        var headers = page.QuerySelectorAll("[data-testid=audit-table] thead th").Select(th => th.TextContent.Trim()).ToList();
        return page.QuerySelectorAll("[data-testid=audit-table] tbody tr").Select(tr =>
        {
            var cells = tr.Children.Select(c => c.TextContent.Trim()).ToList();
            string Cell(string header) => cells[headers.IndexOf(header)];
            return new Row(Cell("#"), Cell("Actor"), Cell("Channel"), Cell("Action"), Cell("Subject"), Cell("Summary"));
        }).ToList();
    }

    /// <summary>Appends <paramref name="count"/> system entries, a minute apart, numbered 1… as their subject id, in one unit of work.</summary>
    private async Task AppendAsync(int count, Func<int, (string SubjectType, string Summary)> entry)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var appended = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(_ =>
        {
            for (var i = 1; i <= count; i++)
            {
                var (type, summary) = entry(i);
                log.Append(new AuditRecord(ReadinessFactory.DefaultNow.UtcDateTime.AddMinutes(i), null, null, $"{type.ToLowerInvariant()}.entry", type, $"{i}",
                    AuditChannel.System, null, null, summary));
            }
            return Task.FromResult(Result<bool>.Ok(true));
        }, CancellationToken.None);
        Assert.True(appended.Succeeded);
    }

    private static string Chain(IDocument page) => page.QuerySelector("[data-testid=chain]")!.TextContent;

    [Fact]
    public async Task The_pmo_sees_the_email_link_decision_and_that_the_chain_is_intact()
    {
        await CustodyReturnApprovedByEmailAsync();
        var count = await Factory.WithDbAsync(db => db.AuditEntries.LongCountAsync());

        var page = await AuditPageAsync();

        var decision = Rows(page).Single(r => r.Action == "approval.decided");
        Assert.Equal(("Simon Fairweather", "Email link"), (decision.Actor, decision.Channel));
        Assert.Contains("Approve", decision.Summary, StringComparison.Ordinal);
        Assert.Contains($"Audit chain intact ({count} entries)", Chain(page), StringComparison.Ordinal);
        Assert.Equal(count, Rows(page).Count);
    }

    [Fact]
    public async Task A_team_lead_cannot_open_the_audit_log_nor_sees_it_in_the_menu()
    {
        var browser = await Driver.SignedInAsync(TeamLead);

        var response = await browser.GetRawAsync("/Audit");
        var home = await browser.GetAsync("/Releases");

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal)),
            $"Expected a refusal, got {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Null(home.QuerySelector("nav a[href='/Audit']"));
        Assert.NotNull((await AuditPageAsync()).QuerySelector("nav a[href='/Audit']"));
    }

    [Fact]
    public async Task An_entry_changed_directly_in_the_database_is_reported_as_the_break_in_the_chain()
    {
        await CustodyReturnApprovedByEmailAsync();
        // Someone with write access to the database drops the guard first (the database itself refuses the edit).
        var edit = AuditGuard.Drop(Factory.Database, "NoUpdate") + "UPDATE \"AuditEntries\" SET \"Summary\" = 'x' WHERE \"ChainIndex\" = 2";
        await Factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(edit));

        var page = await AuditPageAsync();

        Assert.Contains("Chain broken at entry #2", Chain(page), StringComparison.Ordinal);
        Assert.DoesNotContain("intact", Chain(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_narrow_the_list_by_text_subject_type_actor_date_and_release()
    {
        await CustodyReturnApprovedByEmailAsync();

        var total = await Factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var byText = Rows(await AuditPageAsync("?Text=APPROVAL.DECIDED"));
        var byType = Rows(await AuditPageAsync("?SubjectType=ApprovalRequest"));
        var byActor = Rows(await AuditPageAsync("?ActorEmail=bcm.justice"));
        var onTheDay = Rows(await AuditPageAsync("?From=2026-03-02&To=2026-03-02"));
        var dayAfter = await AuditPageAsync("?From=2026-03-03");
        var otherRelease = await AuditPageAsync("?Release=CONNECT-P2");
        var thisRelease = Rows(await AuditPageAsync($"?Release={Release}")).Select(r => r.Action).ToList();

        Assert.Equal(["approval.decided"], byText.Select(r => r.Action));
        Assert.Equal(["approval.decided"], byType.Select(r => r.Action));
        Assert.All(byActor, r => Assert.Equal("Simon Fairweather", r.Actor));
        Assert.Contains("workflow.approve", byActor.Select(r => r.Action));
        Assert.DoesNotContain("workflow.submit", byActor.Select(r => r.Action));
        Assert.Equal(total, onTheDay.Count);
        Assert.NotNull(dayAfter.QuerySelector("[data-testid=no-entries]"));
        Assert.NotNull(otherRelease.QuerySelector("[data-testid=no-entries]"));
        Assert.Equal(["approval.decided", "workflow.approve", "workflow.submit"], thisRelease.Where(a => a is "approval.decided" or "workflow.approve" or "workflow.submit"));
    }

    [Fact]
    public async Task Long_logs_are_paged_fifty_at_a_time_newest_first()
    {
        await AppendAsync(120, i => ("Test", $"Entry {i}"));

        var first = await AuditPageAsync("?SubjectType=Test");
        var third = await AuditPageAsync("?SubjectType=Test&p=3");
        var beyond = await AuditPageAsync("?SubjectType=Test&p=99");
        var total = await Factory.WithDbAsync(db => db.AuditEntries.LongCountAsync());

        Assert.Equal(Enumerable.Range(71, 50).Reverse().Select(i => $"Test {i}"), Rows(first).Select(r => r.Subject));
        Assert.Equal(Enumerable.Range(1, 20).Reverse().Select(i => $"Test {i}"), Rows(third).Select(r => r.Subject));
        Assert.Contains("Page 1 of 3", first.QuerySelector("nav[aria-label='Audit log pages']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Audit?SubjectType=Test&p=2", third.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Contains("Page 3 of 3", beyond.QuerySelector("nav[aria-label='Audit log pages']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Audit chain intact ({total} entries)", Chain(first), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_export_has_every_matching_entry_newest_first_across_batches_and_nothing_else()
    {
        await AppendAsync(4_500, i => (i % 10 == 0 ? "Other" : "Test", $"=Entry {i}"));
        var browser = await Driver.SignedInAsync(Pmo);

        var response = await browser.GetRawAsync("/Audit?SubjectType=Test&handler=Csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var records = CsvRecords.Read(await response.Content.ReadAsByteArrayAsync());
        var expected = Enumerable.Range(1, 4_500).Where(i => i % 10 != 0).Reverse().Select(i => $"{i}").ToList();
        Assert.Equal(expected, records.Select(r => r["Subject id"]));
        Assert.All(records, r => Assert.Equal("test.entry", r["Action"]));
        Assert.Equal("'=Entry 4499", records[0]["Summary"]); // a formula-looking summary stays text in a spreadsheet
    }

    [Fact]
    public async Task The_release_page_shows_its_recent_audit_trail_and_links_the_pmo_to_the_filtered_log()
    {
        await CustodyReturnApprovedByEmailAsync();

        var pmoPage = await (await Driver.SignedInAsync(Pmo)).GetAsync($"/Releases/{Release}/Audit");
        var leadPage = await (await Driver.SignedInAsync(TeamLead)).GetAsync($"/Releases/{Release}/Audit");

        var trail = pmoPage.QuerySelector("[data-testid=audit-trail]")!;
        var actions = trail.QuerySelectorAll("[data-action]").Select(e => e.GetAttribute("data-action")!).ToList();
        Assert.Equal(["approval.decided", "workflow.approve", "workflow.submit"], actions.Where(a => a is "approval.decided" or "workflow.approve" or "workflow.submit"));
        // Each entry is told as a sentence with who did what to which return, not in the code's words.
        var sentences = trail.QuerySelectorAll(".moj-timeline__title").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains("Simon Fairweather approved the Custody return for CONNECT-P1", sentences);
        Assert.Contains("Simon Fairweather decided “Approve” on the Custody return for CONNECT-P1", sentences);
        Assert.Contains(sentences, t => t.EndsWith(" submitted the Custody return for CONNECT-P1", StringComparison.Ordinal));
        Assert.DoesNotContain(sentences, t => t.Contains("workflow.", StringComparison.Ordinal) || t.Contains('→'));
        Assert.Equal($"/Audit?Release={Release}", trail.QuerySelector("a[href^='/Audit']")!.GetAttribute("href"));
        Assert.NotNull(leadPage.QuerySelector("[data-testid=audit-trail] [data-action]"));
        Assert.Null(leadPage.QuerySelector("[data-testid=audit-trail] a[href^='/Audit']"));
    }
}
