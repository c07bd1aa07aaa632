using System.Data.Common;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Persistence;
using Readiness.Core.Workflows;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The release page makes the workflows visible: each instance's current state in words, its journal as a
/// timeline (newest first) and its state diagram with the current state highlighted; and the go / no-go pack with
/// a way in for the SRO whose decision is waiting.
/// </summary>
public sealed class ReleaseWorkflowPageTests : EmailedAppTest
{
    private const string Release = "CONNECT-P1";
    private const string Bcm = "bcm.justice@readiness.demo";
    private const string Pmo = "pmo@readiness.demo";
    private const string BcmComment = "Evidence checked: custody suites are ready.";

    /// <summary>The custody return submitted by its team lead and approved by the BCM from the emailed link; returns the submitter's name.</summary>
    private async Task<string> CustodyReturnApprovedAsync()
    {
        var id = await Driver.SubmitReturnAsync(Release, "CUSTODY");
        await Driver.DispatchAsync();
        var browser = new Browser(Factory.CreateBrowser());
        var link = Driver.LinkFor(Bcm);
        var decided = await ApprovalDriver.DecideAsync(browser, await browser.GetAsync(link), "Approve", BcmComment);
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        return await Factory.WithDbAsync(db => (from a in db.Assessments
                                                  join u in db.Users on a.SubmittedByUserId equals u.Id
                                                  where a.Id == id
                                                  select u.DisplayName).SingleAsync());
    }

    private async Task<IElement> CustodyWorkflowCardAsync(string viewer = Pmo)
    {
        var browser = await Driver.SignedInAsync(viewer);
        var page = await browser.GetAsync($"/Releases/{Release}/Workflow");
        return page.QuerySelectorAll("[data-testid=workflow]")
            .Single(card => card.QuerySelector("h3")!.TextContent.Contains("Custody", StringComparison.Ordinal));
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task The_timeline_tells_each_transition_as_a_sentence_saying_who_made_it_newest_first()
    {
        var submitter = await CustodyReturnApprovedAsync();

        var card = await CustodyWorkflowCardAsync();

        var entries = card.QuerySelectorAll(".moj-timeline [data-testid=journal-entry]").Select(item => new
        {
            Sentence = Squash(item.QuerySelector(".moj-timeline__title")!.TextContent),
            Comment = item.QuerySelector("blockquote")?.TextContent.Trim(),
            States = Squash(item.QuerySelector(".moj-timeline__description p")!.TextContent),
            Time = item.QuerySelector("time")!.GetAttribute("datetime"),
        }).ToList();
        Assert.Equal(["Simon Fairweather approved the Custody return", $"{submitter} submitted the Custody return"], entries.Select(e => e.Sentence));
        Assert.Equal($"“{BcmComment}”", entries[0].Comment);
        Assert.Equal("Submitted – with the BCM for review → Approved", entries[0].States);
        Assert.Null(entries[1].Comment);
        Assert.Equal("2026-03-02T09:00:00Z", entries[1].Time);
        Assert.Contains("Now: Approved", Squash(card.QuerySelector("[data-testid=workflow-now]")!.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_diagram_holds_the_definition_with_the_current_state_highlighted_and_a_text_alternative()
    {
        await CustodyReturnApprovedAsync();

        var card = await CustodyWorkflowCardAsync();

        var diagram = card.QuerySelector("figure[data-mermaid]")!;
        var text = diagram.GetAttribute("data-mermaid")!;
        Assert.StartsWith("stateDiagram", text.TrimStart(), StringComparison.Ordinal);
        foreach (var state in new[] { "Draft", "BcmReview", "Returned", "Approved", "ApprovedWithConditions" })
            Assert.Contains(state, text, StringComparison.Ordinal);
        Assert.Contains(WorkflowJournalQueries.CurrentClass, text, StringComparison.Ordinal);
        Assert.Contains("class Approved current", text, StringComparison.Ordinal);
        var description = card.QuerySelector($"#{diagram.GetAttribute("aria-describedby")}")!.TextContent;
        Assert.Contains("Submitted – with the BCM for review", description, StringComparison.Ordinal);
        Assert.Contains("Approved (end) (current)", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_javascript_the_workflow_tab_shows_the_diagrams_text_alternative_never_the_mermaid_source()
    {
        await CustodyReturnApprovedAsync();

        var page = await (await Driver.SignedInAsync(Pmo)).GetAsync($"/Releases/{Release}/Workflow");

        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=diagram-text] li"));
        Assert.DoesNotContain("stateDiagram", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("classDef", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_diagram_script_is_served_locally_and_only_loaded_where_there_is_a_diagram()
    {
        var browser = await Driver.SignedInAsync(Pmo);
        var before = await browser.GetAsync($"/Releases/{Release}/Workflow");
        Assert.Empty(before.QuerySelectorAll("script[src*=mermaid]"));

        await CustodyReturnApprovedAsync();
        var after = await browser.GetAsync($"/Releases/{Release}/Workflow");

        var sources = after.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        Assert.Contains(sources, s => s.StartsWith("/lib/mermaid/mermaid.min.js", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.StartsWith("/js/diagrams.js", StringComparison.Ordinal));
        foreach (var src in sources)
            Assert.Equal(HttpStatusCode.OK, (await browser.GetRawAsync(src)).StatusCode);
        Assert.Contains("securityLevel: 'strict'", await browser.Client.GetStringAsync("/js/diagrams.js"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_journal_query_reads_every_instance_of_the_release_with_its_diagram()
    {
        await CustodyReturnApprovedAsync();
        var releaseId = await Factory.WithDbAsync(db => db.Releases.Where(r => r.Code == Release).Select(r => r.Id).SingleAsync());

        await using var scope = Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<WorkflowJournalQueries>().ForReleaseAsync(releaseId, CancellationToken.None);

        var custody = result.Instances.Single(i => i.SubjectKind == SubjectKinds.AreaReturn);
        Assert.Equal(("area-return", "Approved", WorkflowStatus.Completed), (custody.DefinitionId, custody.State, custody.Status));
        Assert.StartsWith("Custody", custody.SubjectLabel, StringComparison.Ordinal);
        Assert.Equal([("BcmReview", "Approved"), ("Draft", "BcmReview")], custody.Journal.Select(j => (j.FromState, j.ToState)));
        Assert.Equal(result.Instances.Select(i => i.SnapshotId).Distinct().Order(), result.Diagrams.Keys.Order());
        Assert.EndsWith("class Approved current\n", result.HighlightedMermaid(custody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_journal_query_runs_the_same_number_of_sql_commands_however_many_workflows_a_release_has()
    {
        await CustodyReturnApprovedAsync();
        var releaseId = await Factory.WithDbAsync(db => db.Releases.Where(r => r.Code == Release).Select(r => r.Id).SingleAsync());
        var few = await CountCommandsAsync(releaseId);

        Assert.Equal(HttpStatusCode.Redirect, (await Driver.SubmitAndDecideAsync(Release, "CASE", "Approve", "Ready.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Driver.SubmitAndDecideAsync(Release, "PROPERTY", "Approve", "Ready.")).StatusCode);
        var more = await CountCommandsAsync(releaseId);

        Assert.Equal(few.Instances + 2, more.Instances);
        Assert.InRange(few.Commands, 1, 8);
        Assert.Equal(few.Commands, more.Commands);
    }

    /// <summary>Runs the query twice (the first warms the definition cache) and counts the SQL commands of the second.</summary>
    private async Task<(int Instances, int Commands)> CountCommandsAsync(int releaseId)
    {
        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<ReadinessDbContext>();
        Factory.UseDatabase(options).AddInterceptors(counter);
        await using var db = new ReadinessDbContext(options.Options);
        var queries = new WorkflowJournalQueries(db, Factory.Services.GetRequiredService<WorkflowCatalog>());
        await queries.ForReleaseAsync(releaseId, CancellationToken.None);
        counter.Count = 0;
        var result = await queries.ForReleaseAsync(releaseId, CancellationToken.None);
        return (result.Instances.Count, counter.Count);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task The_sro_whose_go_live_decision_is_waiting_gets_a_link_to_make_it_and_others_do_not()
    {
        const string release = "CRS-LAUNCH"; // MetCC, TDIU and Local Resolution Teams
        foreach (var area in new[] { "METCC", "TDIU", "LRT" })
            Assert.Equal(HttpStatusCode.Redirect, (await Driver.SubmitAndDecideAsync(release, area)).StatusCode);
        var pending = await Factory.WithDbAsync(db => db.ApprovalRequests
            .Where(r => db.Releases.Any(x => x.Id == r.ReleaseId && x.Code == release) && r.Kind == Core.Approvals.ApprovalKind.GoLive && r.Status == Core.Approvals.ApprovalStatus.Pending)
            .Select(r => new { r.Id, r.ApproverUserId }).SingleAsync());
        var sro = await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == pending.ApproverUserId).Select(u => u.Email!).SingleAsync());

        var sroPage = await (await Driver.SignedInAsync(sro)).GetAsync($"/Releases/{release}/Pack");
        var pmoPage = await (await Driver.SignedInAsync(Pmo)).GetAsync($"/Releases/{release}/Workflow");

        var link = sroPage.QuerySelector("[data-testid=make-decision] a")!;
        Assert.Equal("Make the decision", link.TextContent.Trim());
        Assert.Equal($"/Approvals/Decide/{pending.Id}", link.GetAttribute("href"));
        Assert.NotNull(sroPage.QuerySelector("#pack-title"));
        Assert.Null(pmoPage.QuerySelector("[data-testid=make-decision]"));
        Assert.Contains("With the SRO for the go/no-go decision",
            pmoPage.QuerySelectorAll("[data-testid=workflow-now]").Select(n => n.TextContent).First(), StringComparison.Ordinal);
    }
}
