using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Risks;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The risk register's pages on the seeded demo (risks.json): everyone signed in reads; the PMO edits every risk and an
/// owner theirs; the PMO and SROs add. Every change is audited and stale-safe, and bad input changes nothing.
/// </summary>
public sealed class RiskRegisterTests : IDisposable
{
    private const string Pmo = "pmo@readiness.demo";
    private const string ConnectSro = "sro.connect@readiness.demo";         // owns the CONNECT-P1 data migration risk
    private const string TeamLead = "tl.custody@readiness.demo";
    private const string Migration = "Custody and case records are not fully migrated at cutover";
    private const string Training = "The scale of training needed to implement the change exceeds our capacity"; // owned by sro.enabling

    private readonly ReadinessFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<Browser> AsAsync(string email)
    {
        var browser = new Browser(_app.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    private Task<int> RiskIdAsync(string title) => _app.WithDbAsync(db => db.Risks.Where(r => r.Title == title).Select(r => r.Id).SingleAsync());

    private Task<Risk> RiskAsync(int id) => _app.WithDbAsync(db => db.Risks.AsNoTracking().Include(r => r.ScoreHistory).Include(r => r.Actions).SingleAsync(r => r.Id == id));

    private Task<List<string>> AuditAsync(string action) =>
        _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == action).OrderBy(e => e.ChainIndex).Select(e => e.Summary).ToListAsync());

    private static IHtmlFormElement RiskForm(IDocument page) => (IHtmlFormElement)page.QuerySelector("#risk-form")!;

    private static async Task<HttpResponseMessage> EditAsync(Browser browser, int id, Dictionary<string, string> changes)
    {
        var page = await browser.GetAsync($"/Risks/{id}/Edit");
        return await browser.SubmitAsync(RiskForm(page), changes);
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Everyone_signed_in_reads_the_register_and_a_risk_but_a_team_lead_can_neither_add_nor_edit()
    {
        var lead = await AsAsync(TeamLead);
        var id = await RiskIdAsync(Migration);
        var before = await RiskAsync(id);

        var list = await lead.GetAsync("/Risks");
        var view = await lead.GetAsync($"/Risks/{id}");
        var edit = await lead.GetRawAsync($"/Risks/{id}/Edit");
        var add = await lead.GetRawAsync("/Risks/Add");
        var post = await new Browser(_app.CreateBrowser()).Client.GetAsync("/Risks");

        Assert.Contains(list.QuerySelectorAll("tr[data-risk]"), tr => tr.TextContent.Contains(Migration, StringComparison.Ordinal));
        Assert.Null(list.QuerySelector("[data-testid=add-risk]"));
        Assert.Equal(Migration, view.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(view.QuerySelector("[data-testid=edit-risk]"));
        Assert.Null(view.QuerySelector("#action-form"));
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode); // not signed in: to the sign-in page
        // Posting the edit form anyway (with the team lead's own antiforgery token) is refused, and changes nothing.
        var owner = await AsAsync(ConnectSro);
        var token = view.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = Browser.FormFields(RiskForm(await owner.GetAsync($"/Risks/{id}/Edit")))
            .Where(f => f.Key is not ("__RequestVerificationToken" or "Form.Title"))
            .Append(new("__RequestVerificationToken", token)).Append(new("Form.Title", "Renamed by a team lead"));
        var refused = await lead.Client.PostAsync($"/Risks/{id}/Edit", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal((before.Title, before.Version), ((await RiskAsync(id)).Title, (await RiskAsync(id)).Version));
    }

    [Fact]
    public async Task An_owner_edits_their_risk_and_a_new_score_joins_its_history_and_the_audit_log()
    {
        var sro = await AsAsync(ConnectSro);
        var id = await RiskIdAsync(Migration);

        var saved = await EditAsync(sro, id, new() { ["Form.Likelihood"] = "3", ["Form.Status"] = "Open", ["Form.Controls"] = "Fourth rehearsal added." });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var risk = await RiskAsync(id);
        Assert.Equal((3, 5, 15, "Fourth rehearsal added."), (risk.Likelihood, risk.Impact, risk.Score, risk.Controls));
        Assert.Equal([20, 15], risk.ScoreHistory.OrderBy(h => h.Id).Select(h => h.Score));
        var line = Assert.Single(await AuditAsync("risk.rescored"));
        Assert.Contains("L4×I5=20", line, StringComparison.Ordinal);
        Assert.Contains("→", line, StringComparison.Ordinal);
        Assert.Contains("L3×I5=15", line, StringComparison.Ordinal);
        var history = (await sro.GetAsync($"/Risks/{id}")).QuerySelectorAll("[data-testid=score-history] tbody tr").Select(tr => Squash(tr.Children[3].TextContent)).ToList();
        Assert.Equal(["■ Very high 15", "■ Very high 20"], history);
    }

    [Fact]
    public async Task An_owner_cannot_edit_the_risk_of_someone_else_but_the_PMO_edits_any()
    {
        var training = await RiskIdAsync(Training);
        var sro = await AsAsync(ConnectSro);
        var pmo = await AsAsync(Pmo);

        Assert.Equal(HttpStatusCode.Forbidden, (await sro.GetRawAsync($"/Risks/{training}/Edit")).StatusCode);
        var saved = await EditAsync(pmo, training, new() { ["Form.Status"] = "Mitigated" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(RiskStatus.Mitigated, (await RiskAsync(training)).Status);
        Assert.Contains("Open", Assert.Single(await AuditAsync("risk.edited")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_edits_from_one_version_the_second_is_refused_as_stale_and_shows_the_newer_risk()
    {
        var id = await RiskIdAsync(Migration);
        var sro = await AsAsync(ConnectSro);
        var pmo = await AsAsync(Pmo);
        var sroForm = RiskForm(await sro.GetAsync($"/Risks/{id}/Edit"));
        var pmoForm = RiskForm(await pmo.GetAsync($"/Risks/{id}/Edit"));

        var first = await pmo.SubmitAsync(pmoForm, new() { ["Form.Title"] = "Records not fully migrated (PMO)" });
        var second = await sro.SubmitAsync(sroForm, new() { ["Form.Title"] = "Records not fully migrated (SRO)" });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await Browser.ParseAsync(second, $"/Risks/{id}/Edit");
        Assert.Contains(RiskCommands.StaleMessage, page.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Records not fully migrated (PMO)", ((IHtmlInputElement)page.QuerySelector("#Form_Title")!).Value);
        Assert.Equal("Records not fully migrated (PMO)", (await RiskAsync(id)).Title);
        Assert.Single(await AuditAsync("risk.edited"));
    }

    [Fact]
    public async Task Bad_input_is_reported_on_each_field_and_nothing_is_written()
    {
        var id = await RiskIdAsync(Migration);
        var sro = await AsAsync(ConnectSro);
        var before = await RiskAsync(id);

        var response = await EditAsync(sro, id, new() { ["Form.Title"] = "", ["Form.Releases"] = "CONNECT-P1, ATLANTIS", ["Form.Likelihood"] = "9" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Browser.ParseAsync(response, $"/Risks/{id}/Edit");
        var summary = page.QuerySelectorAll(".govuk-error-summary a").ToDictionary(a => a.GetAttribute("href")!, a => a.TextContent.Trim());
        Assert.Equal("Enter a short title for the risk.", summary["#Form_Title"]);
        Assert.StartsWith("No release has the code ATLANTIS.", summary["#Form_Releases"], StringComparison.Ordinal);
        Assert.StartsWith("Choose the likelihood", summary["#Form_Likelihood"], StringComparison.Ordinal);
        Assert.Equal("CONNECT-P1, ATLANTIS", ((IHtmlInputElement)page.QuerySelector("#Form_Releases")!).Value); // what was typed is kept
        var after = await RiskAsync(id);
        Assert.Equal((before.Title, before.Version, before.Likelihood), (after.Title, after.Version, after.Likelihood));
        Assert.Empty(await AuditAsync("risk.edited"));
    }

    [Fact]
    public async Task An_SRO_adds_a_release_risk_which_is_listed_filtered_by_release_and_counted_in_its_matrix_cell()
    {
        var sro = await AsAsync("sro.contact@readiness.demo");
        var form = RiskForm(await sro.GetAsync("/Risks/Add?release=CRS-LAUNCH"));

        var added = await sro.SubmitAsync(form, new()
        {
            ["Form.Title"] = "MetCC call handlers cannot be released for training", ["Form.Cause"] = "Summer demand peak.",
            ["Form.Event"] = "Training sessions are cancelled.", ["Form.Effect"] = "Call handlers start untrained.",
            ["Form.Likelihood"] = "4", ["Form.Impact"] = "4", ["Form.Areas"] = "metcc",
        });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = await RiskIdAsync("MetCC call handlers cannot be released for training");
        Assert.Equal($"/Risks/{id}", added.Headers.Location!.OriginalString);
        Assert.Contains($"(none) → R-{id} “MetCC call handlers", Assert.Single(await AuditAsync("risk.added")), StringComparison.Ordinal);
        var list = await sro.GetAsync("/Risks?Release=CRS-LAUNCH");
        Assert.Equal([id.ToString(System.Globalization.CultureInfo.InvariantCulture)], list.QuerySelectorAll("tr[data-risk]").Select(tr => tr.GetAttribute("data-risk")!));
        Assert.Equal("1 risk of likelihood 4 and impact 4, Very high 16", Squash(list.QuerySelector("[data-cell='4-4']")!.TextContent));
        Assert.Equal("0 Very high 25", Squash(list.QuerySelector("[data-cell='5-5']")!.TextContent));
        var risk = await RiskAsync(id);
        Assert.Equal((RiskLevel.Release, 16, 1), (risk.Level, risk.Score, risk.ScoreHistory.Count));
    }

    [Fact]
    public async Task A_matrix_cell_filters_the_list_and_the_default_order_is_biggest_first()
    {
        var pmo = await AsAsync(Pmo);

        var all = await pmo.GetAsync("/Risks");
        var cell = await pmo.GetAsync(all.QuerySelector("[data-cell='5-4'] a")!.GetAttribute("href")!);

        var scores = all.QuerySelectorAll("tr[data-risk] [data-testid=score]").Select(td => int.Parse(Squash(td.TextContent).Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Equal(13, scores.Count); // 13 seeded, none closed; the filter starts at "not closed"
        var rows = cell.QuerySelectorAll("tr[data-risk]").Select(tr => tr.QuerySelector("th")!.TextContent).ToList();
        Assert.Contains("overly reliant on third parties", Assert.Single(rows), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_adds_an_action_and_the_action_owner_marks_it_done()
    {
        var id = await RiskIdAsync(Migration);
        var sro = await AsAsync(ConnectSro);
        var bcm = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == "bcm.justice@readiness.demo").Select(u => u.Id).SingleAsync());
        var page = await sro.GetAsync($"/Risks/{id}");

        var added = await sro.SubmitAsync((IHtmlFormElement)page.QuerySelector("#action-form")!, new()
        {
            ["NewAction.Description"] = "Sign off the cutover data quality report", ["NewAction.OwnerUserId"] = bcm, ["NewAction.DueOn"] = "2026-03-10",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var action = (await RiskAsync(id)).Actions.Single(a => a.Description == "Sign off the cutover data quality report");

        var owner = await AsAsync("bcm.justice@readiness.demo"); // not the risk's owner (nor the PMO), but the action's
        var view = await owner.GetAsync($"/Risks/{id}");
        var done = await owner.SubmitAsync((IHtmlFormElement)view.QuerySelector($"tr[data-action='{action.Id}'] form")!, []);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.True((await RiskAsync(id)).Actions.Single(a => a.Id == action.Id).IsDone);
        Assert.Single(await AuditAsync("risk.action.added"));
        Assert.Contains("open → done", Assert.Single(await AuditAsync("risk.action.done")), StringComparison.Ordinal);
        Assert.Null(view.QuerySelector("#action-form")); // the action's owner may not add actions to someone else's risk
    }

    [Fact]
    public async Task A_long_register_is_paged_in_pages_of_twenty_five_and_the_matrix_counts_them_all()
    {
        await _app.WithDbAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.Email == Pmo).Select(u => u.Id).SingleAsync();
            for (var n = 1; n <= 30; n++)
                db.Risks.Add(new Risk(new RiskDetails(RiskLevel.Portfolio, null, $"Generated risk {n:00}", "Cause", "Event", "Effect", owner, RiskProximity.OverSixMonths,
                    "", new DateOnly(2026, 4, 1), RiskStatus.Open, [], []), 1, 1, owner, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var pmo = await AsAsync(Pmo);

        var first = await pmo.GetAsync("/Risks?Sort=ref");
        var second = await pmo.GetAsync("/Risks?Sort=ref&p=2");

        Assert.Equal(25, first.QuerySelectorAll("tr[data-risk]").Length);
        Assert.Equal(18, second.QuerySelectorAll("tr[data-risk]").Length); // 13 seeded and 30 more
        Assert.Contains("Risks 26–43 of 43", second.QuerySelector("[data-testid=risks] caption")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Generated risk 30", second.QuerySelectorAll("tr[data-risk] th .govuk-body-s")[^1].TextContent);
        Assert.StartsWith("30 ", Squash(second.QuerySelector("[data-cell='1-1']")!.TextContent), StringComparison.Ordinal);
    }
}
