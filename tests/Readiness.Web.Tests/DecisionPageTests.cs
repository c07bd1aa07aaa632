using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The decision page behind an email link and in the inbox: a short form (conditions open only with a "with
/// conditions" decision), an error summary that links each problem to its field, and after the decision a
/// confirmation saying what happens next and who was emailed — never "already decided" to the person who just did.
/// </summary>
public sealed class DecisionPageTests : EmailedAppTest
{
    private const string Custody = "CONNECT-P1";
    private const string Bcm = "bcm.justice@readiness.demo";

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<(Browser Browser, string Link)> CustodyLinkAsync()
    {
        await Driver.SubmitReturnAsync(Custody, "CUSTODY");
        await Driver.DispatchAsync();
        return (new Browser(Factory.CreateBrowser()), Driver.LinkFor(Bcm));
    }

    [Fact]
    public async Task A_fresh_decision_page_offers_one_condition_row_hidden_until_a_with_conditions_decision_is_chosen()
    {
        var (browser, link) = await CustodyLinkAsync();

        var page = await browser.GetAsync(link);

        Assert.Single(page.QuerySelectorAll("input[name$='.Description'][name^='Form.Conditions']"));
        var reveal = page.QuerySelector("#conditions-reveal")!;
        Assert.Contains("govuk-radios__conditional--hidden", reveal.ClassName, StringComparison.Ordinal);
        Assert.Equal("conditions-reveal", page.QuerySelector("input[name='Form.Decision'][value=ApproveWithConditions]")!.GetAttribute("data-reveals"));
    }

    [Fact]
    public async Task Add_another_condition_brings_the_form_back_with_one_more_row_and_decides_nothing()
    {
        var (browser, link) = await CustodyLinkAsync();
        var page = await browser.GetAsync(link);

        var response = await ApprovalDriver.DecideAsync(browser, page, "ApproveWithConditions", "Two things first",
            new() { ["Form.Conditions[0].Description"] = "Rota agreed", ["Form.Conditions[0].Owner"] = "Custody lead", ["Form.Conditions[0].Due"] = "T-7", ["Form.AddCondition"] = "true" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Browser.ParseAsync(response, link);
        var rows = again.QuerySelectorAll("input[name$='.Description'][name^='Form.Conditions']").Cast<AngleSharp.Html.Dom.IHtmlInputElement>().ToList();
        Assert.Equal(["Rota agreed", ""], rows.Select(r => r.Value));
        Assert.DoesNotContain("govuk-radios__conditional--hidden", again.QuerySelector("#conditions-reveal")!.ClassName, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ApprovalRequests.CountAsync(r => r.Status == ApprovalStatus.Decided)));
    }

    [Fact]
    public async Task An_invalid_decision_lists_each_problem_linked_to_its_field()
    {
        var (browser, link) = await CustodyLinkAsync();
        var page = await browser.GetAsync(link);
        var form = page.Forms.Single(f => f.QuerySelector("input[name='Form.Decision']") is not null);

        var noChoice = await browser.SubmitAsync(form, new() { ["Form.Comment"] = "" });
        var withoutComment = await ApprovalDriver.DecideAsync(browser, page, "Return", "");

        foreach (var response in new[] { noChoice, withoutComment })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var result = await Browser.ParseAsync(response, link);
            var summary = result.QuerySelector(".govuk-error-summary[data-module=govuk-error-summary]")!;
            Assert.DoesNotContain("Check the decision", summary.TextContent, StringComparison.Ordinal);
            var links = summary.QuerySelectorAll("a").ToList();
            Assert.NotEmpty(links);
            Assert.All(links, a => Assert.NotNull(result.QuerySelector(a.GetAttribute("href")!)));
        }
        var first = (await Browser.ParseAsync(noChoice, link)).QuerySelector(".govuk-error-summary a")!;
        Assert.Equal("#Form_Decision", first.GetAttribute("href"));
        var second = (await Browser.ParseAsync(withoutComment, link)).QuerySelector(".govuk-error-summary a")!;
        Assert.Equal("#Form_Comment", second.GetAttribute("href"));
    }

    [Fact]
    public async Task Straight_after_deciding_from_the_link_the_page_confirms_the_decision_and_does_not_say_already_decided()
    {
        var (browser, link) = await CustodyLinkAsync();

        var decided = await ApprovalDriver.DecideAsync(browser, await browser.GetAsync(link), "Approve", "Ready.");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var page = await browser.GetAsync(decided.Headers.Location!.OriginalString);

        var panel = page.QuerySelector("[data-testid=confirmation]")!;
        Assert.Equal("Decision recorded: Approve", panel.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("Already decided", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 of 15 areas of the release are approved", page.QuerySelector("[data-testid=next]")!.TextContent, StringComparison.Ordinal);
        // Opening the link again later says who decided, as before.
        Assert.Contains("Already decided by Simon Fairweather", (await browser.GetAsync(link)).QuerySelector("[data-testid=closed]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_approval_confirms_that_the_sro_was_asked_and_emailed()
    {
        const string release = "CRS-LAUNCH";
        await Driver.SubmitAndDecideAsync(release, "METCC");
        await Driver.SubmitAndDecideAsync(release, "TDIU");
        await Driver.SubmitReturnAsync(release, "LRT");
        await Driver.DispatchAsync();
        var browser = new Browser(Factory.CreateBrowser());

        var decided = await ApprovalDriver.DecideAsync(browser, await browser.GetAsync(Driver.LinkFor("bcm.contact@readiness.demo")), "Approve");
        var page = await browser.GetAsync(decided.Headers.Location!.OriginalString);

        Assert.Equal("All returns approved: Marcus Bennett, the SRO, was asked to make the go / no-go decision.",
            Squash(page.QuerySelector("[data-testid=next]")!.TextContent));
        Assert.Equal("We emailed Marcus Bennett.", Squash(page.QuerySelector("[data-testid=emailed]")!.TextContent));
    }

    [Fact]
    public async Task Submitting_a_return_confirms_which_bcm_was_emailed_and_by_when_they_decide()
    {
        var lead = await Driver.SignedInAsync("tl.custody@readiness.demo");
        var returns = new ReturnDriver(Factory, lead);
        var id = await returns.ReturnIdAsync(Custody, "CUSTODY");
        await returns.AnswerAllPassingAsync(id, await Factory.WithDbAsync(db => db.Releases.Where(r => r.Code == Custody).Select(r => r.GoLive).SingleAsync()));

        var submitted = await returns.SubmitAsync(id);
        var page = await lead.GetAsync(submitted.Headers.Location!.OriginalString);

        Assert.Equal("Custody return submitted", page.QuerySelector("[data-testid=confirmation] h1")!.TextContent.Trim());
        Assert.StartsWith("Simon Fairweather will review the return", Squash(page.QuerySelector("[data-testid=next]")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("We emailed Simon Fairweather.", Squash(page.QuerySelector("[data-testid=emailed]")!.TextContent));
    }
}
