using System.Net;
using AngleSharp.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Reminders;
using Readiness.Core.Risks;
using Readiness.Web.Pages.Risks;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// Risks where decisions and reminders are made: in the SRO's go / no-go pack, the rule that a decision acknowledges
/// every open risk of the release scoring 15 or more (refused otherwise, nothing recorded), the owners' digests
/// (fake clock: Monday 2 Mar 2026) and the register's exports.
/// </summary>
public sealed class RiskPackTests : EmailedAppTest
{
    private const string Release = "CRS-LAUNCH";
    private const string Sro = "sro.contact@readiness.demo";
    private const string Pmo = "pmo@readiness.demo";

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A risk linked to <see cref="Release"/>, added by the PMO through the add page; its id.</summary>
    private async Task<int> AddReleaseRiskAsync(string title, int likelihood, int impact)
    {
        var pmo = await Driver.SignedInAsync(Pmo);
        var page = await pmo.GetAsync($"/Risks/Add?release={Release}");
        var added = await pmo.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#risk-form")!, new()
        {
            ["Form.Title"] = title, ["Form.Cause"] = "Cause.", ["Form.Event"] = "Event.", ["Form.Effect"] = "Effect.",
            ["Form.Likelihood"] = likelihood.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Form.Impact"] = impact.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        return int.Parse(added.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<(Browser Browser, IDocument Page)> SroDecisionLinkAsync()
    {
        foreach (var area in new[] { "METCC", "TDIU", "LRT" }) await Driver.SubmitAndDecideAsync(Release, area);
        await Driver.DispatchAsync();
        var browser = new Browser(Factory.CreateBrowser());
        return (browser, await browser.GetAsync(Driver.LinkFor(Sro)));
    }

    [Fact]
    public async Task The_release_pack_lists_its_open_risks_biggest_first_and_says_which_the_decision_must_acknowledge()
    {
        var page = await (await Driver.SignedInAsync("sro.connect@readiness.demo")).GetAsync("/Releases/CONNECT-P1/Pack");

        var risks = page.QuerySelectorAll("[data-testid=pack-risk-list] > li").ToList();
        Assert.Equal(4, risks.Count); // the release's three and the CONNECT programme risk; Phase 2's stays out
        Assert.Contains("Custody and case records are not fully migrated at cutover", risks[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("■ Very high 20", Squash(risks[0].TextContent), StringComparison.Ordinal);
        Assert.NotNull(risks[0].QuerySelector("[data-testid=must-acknowledge]"));
        Assert.Equal(1, risks.Count(r => r.QuerySelector("[data-testid=must-acknowledge]") is not null));
        Assert.Contains(risks, r => r.TextContent.Contains("Mitigated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_go_no_go_decision_leaving_a_high_risk_unacknowledged_is_refused_naming_it_and_nothing_is_recorded()
    {
        var high = await AddReleaseRiskAsync("MetCC rota cannot cover hypercare", 4, 5);
        await AddReleaseRiskAsync("Signage arrives late", 2, 3);
        var (browser, page) = await SroDecisionLinkAsync();

        var boxes = page.QuerySelectorAll("input[name='Form.AcknowledgedRisks']").ToList();
        Assert.Equal([high.ToString(System.Globalization.CultureInfo.InvariantCulture)], boxes.Select(b => b.GetAttribute("value")));
        Assert.Contains($"R-{high}: MetCC rota cannot cover hypercare (score 20, open)", page.QuerySelector($"label[for=acknowledge-risk-{high}]")!.TextContent, StringComparison.Ordinal);

        var refused = await ApprovalDriver.DecideAsync(browser, page, "Go", "All areas ready.", new() { ["Form.Dca"] = "Green" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = (await Browser.ParseAsync(refused, "/Decide")).QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains($"Not acknowledged: R-{high} MetCC rota cannot cover hypercare (score 20)", error, StringComparison.Ordinal);
        var state = await Factory.WithDbAsync(async db => new
        {
            Request = await db.ApprovalRequests.Where(r => r.Kind == ApprovalKind.GoLive).Select(r => r.Status).SingleAsync(),
            Acknowledged = await db.RiskAcknowledgements.CountAsync(),
            Audited = await db.AuditEntries.CountAsync(e => e.Action == "approval.decided" && e.Summary.StartsWith("GoLive")) + await db.AuditEntries.CountAsync(e => e.Action == "risks.acknowledged"),
        });
        Assert.Equal((ApprovalStatus.Pending, 0, 0), (state.Request, state.Acknowledged, state.Audited));

        var page2 = await Browser.ParseAsync(refused, "/Decide");
        var go = await ApprovalDriver.DecideAsync(browser, page2, "Go", "All areas ready; the hypercare rota risk is accepted with agency cover.",
            new() { ["Form.Dca"] = "Green", ["Form.AcknowledgedRisks"] = high.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Redirect, go.StatusCode);
        var acknowledgement = await Factory.WithDbAsync(db => db.RiskAcknowledgements.SingleAsync());
        Assert.Equal((high, 20), (acknowledgement.RiskId, acknowledgement.Score));
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "risks.acknowledged").Select(e => e.Summary).SingleAsync());
        Assert.Equal($"(none) → R-{high} (score 20) acknowledged in the go / no-go decision", audit);
        var pack = await (await Driver.SignedInAsync(Sro)).GetAsync($"/Releases/{Release}/Pack");
        Assert.NotNull(pack.QuerySelector($"[data-testid=pack-risk-list] li[data-risk='{high}'] [data-testid=acknowledged]"));
    }

    [Fact]
    public async Task The_SRO_decision_page_in_the_inbox_offers_the_same_acknowledgement()
    {
        var high = await AddReleaseRiskAsync("MetCC rota cannot cover hypercare", 5, 3);
        await SroDecisionLinkAsync();
        var requestId = await Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.Kind == ApprovalKind.GoLive).Select(r => r.Id).SingleAsync());

        var page = await (await Driver.SignedInAsync(Sro)).GetAsync($"/Approvals/Decide/{requestId}");

        Assert.NotNull(page.QuerySelector($"#acknowledge-risk-{high}"));
        Assert.Contains("score 15 or more", page.QuerySelector("#Form_Risks-hint")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"[data-testid=pack-risk-list] li[data-risk='{high}'] [data-testid=must-acknowledge]"));
    }

    [Fact]
    public async Task Overdue_reviews_and_actions_join_their_owners_digests_until_the_risk_is_reviewed()
    {
        async Task<List<(string To, string Text)>> SweepAsync()
        {
            await using (var scope = Factory.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None);
            return (await Factory.WithDbAsync(db => db.Outbox.Where(m => m.Kind == ReminderDigestEmail.Kind).OrderBy(m => m.Id).Select(m => new { m.ToAddress, m.TextBody }).ToListAsync()))
                .Select(m => (m.ToAddress, m.TextBody)).ToList();
        }
        var review = await Factory.WithDbAsync(db => db.Risks.Where(r => r.Title == "Transformation impacts on operational performance").Select(r => r.Id).SingleAsync());
        var migration = await Factory.WithDbAsync(db => db.Risks.Where(r => r.Title == "Custody and case records are not fully migrated at cutover").Select(r => r.Id).SingleAsync());

        var monday = await SweepAsync();

        var pmo = monday.Single(m => m.To == Pmo).Text;
        Assert.Contains($"OVERDUE by 1 working day (due Sat 28 Feb 2026): review of risk R-{review} Transformation impacts on operational performance.", pmo, StringComparison.Ordinal);
        Assert.Contains($"/Risks/{review}/Edit", pmo, StringComparison.Ordinal);
        var analyst = monday.Single(m => m.To == "pmo.analyst@readiness.demo").Text;
        Assert.Contains($"OVERDUE by 1 working day (due Sun 1 Mar 2026): action on risk R-{migration} Custody and case records are not fully migrated at cutover: Run the third dress-rehearsal migration", analyst, StringComparison.Ordinal);
        Assert.DoesNotContain(monday, m => m.To == "sro.connect@readiness.demo" && m.Text.Contains("review of risk", StringComparison.Ordinal));

        // The PMO reviews the risk (a new review date); the next working day it is no longer in the digest.
        var browser = await Driver.SignedInAsync(Pmo);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await browser.GetAsync($"/Risks/{review}/Edit")).QuerySelector("#risk-form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(form, new() { ["Form.ReviewOn"] = "2026-03-30" })).StatusCode);
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        var tuesday = (await SweepAsync()).Skip(monday.Count).ToList();

        Assert.DoesNotContain(tuesday, m => m.Text.Contains("review of risk", StringComparison.Ordinal));
        Assert.Contains("OVERDUE by 2 working days (due Sun 1 Mar 2026): action on risk", tuesday.Single(m => m.To == "pmo.analyst@readiness.demo").Text, StringComparison.Ordinal);
        var logged = await Factory.WithDbAsync(db => db.ReminderLogs.CountAsync(l => l.ItemKind == RiskReminders.ReviewItem && l.ItemId == review));
        Assert.Equal(1, logged);
    }

    [Fact]
    public async Task The_register_exports_to_csv_and_excel_with_the_filter_uncached_and_a_formula_kept_as_text()
    {
        var formula = await AddReleaseRiskAsync("=HYPERLINK(\"http://evil.example\")", 1, 2);
        var browser = await Driver.SignedInAsync(Pmo);

        var csv = await browser.GetRawAsync("/Risks?handler=Csv&Status=All");
        var excel = await browser.GetRawAsync($"/Risks?handler=Excel&Release={Release}");

        Assert.Equal("no-store", csv.Headers.CacheControl!.ToString());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var records = CsvRecords.Read(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal(14, records.Count);
        var migration = records.Single(r => r["Title"] == "Custody and case records are not fully migrated at cutover");
        Assert.Equal(("20", "Very high", "CONNECT-P1", "CASE, CUSTODY", "Open"), (migration["Score"], migration["Band"], migration["Releases"], migration["Business areas"], migration["Status"]));
        Assert.StartsWith("Three dress-rehearsal migrations", migration["Controls"], StringComparison.Ordinal);
        Assert.False(records.Single(r => r["Risk"] == $"R-{formula}")["Title"].StartsWith('='));

        Assert.Equal("no-store", excel.Headers.CacheControl!.ToString());
        using var workbook = new XLWorkbook(new MemoryStream(await excel.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet("Risk register");
        Assert.Equal(RiskExports.Headers, Enumerable.Range(1, RiskExports.Headers.Count).Select(c => sheet.Cell(1, c).GetString()).ToList());
        Assert.Equal(2, sheet.LastRowUsed()!.RowNumber()); // CRS-LAUNCH has the one risk added here
        Assert.Equal("=HYPERLINK(\"http://evil.example\")", sheet.Cell(2, 2).GetString());
        Assert.False(sheet.Cell(2, 2).HasFormula);
        Assert.Equal(2, sheet.Cell(2, 13).GetValue<int>());
    }
}
