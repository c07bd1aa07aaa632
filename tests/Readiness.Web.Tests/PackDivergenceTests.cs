using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Templates;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The SRO's pack and the release page tell, in words, where the team lead's own rating, the computed RAG, the BCM's
/// decision and the SRO's DCA disagree by more than one step; the pack lists the failures of the approved return.
/// </summary>
public sealed class PackDivergenceTests : EmailedAppTest
{
    private const string Bcm = "bcm.justice@readiness.demo";

    /// <summary>The custody team lead rates the area Green (WA-07) but answers process, technology and data criteria poorly.</summary>
    private async Task<int> SubmitGreenSelfRatedWeakReturnAsync()
    {
        var lead = await Driver.SignedInAsync("tl.custody@readiness.demo");
        var returns = new ReturnDriver(Factory, lead);
        var id = await returns.ReturnIdAsync("CONNECT-P1", "CUSTODY");
        var goLive = await Factory.WithDbAsync(db => db.Releases.Where(r => r.Code == "CONNECT-P1").Select(r => r.GoLive).SingleAsync());
        await returns.AnswerAllPassingAsync(id, goLive);
        for (var section = 2; section <= 4; section++)
            await returns.AnswerSectionAsync(id, section, c => c.Blocking || c.AnswerType is not (AnswerType.YesNo or AnswerType.YesNoPartial or AnswerType.Rag or AnswerType.Percentage)
                ? (ReturnDriver.PassingValue(c, goLive), ReturnDriver.Evidence, "")
                : (c.AnswerType == AnswerType.Percentage ? "10" : AnswerRules.ChoicesFor(c.AnswerType)[^1], "", "Behind plan: recovery agreed with the programme"));
        Assert.Equal(HttpStatusCode.Redirect, (await returns.SubmitAsync(id)).StatusCode);
        await Driver.DispatchAsync();
        return id;
    }

    [Fact]
    public async Task The_pack_and_the_release_page_say_where_the_team_lead_and_the_answers_disagree_and_the_pack_lists_the_failures()
    {
        var id = await SubmitGreenSelfRatedWeakReturnAsync();
        var rag = await Factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Rag).SingleAsync());
        Assert.NotEqual(Core.Common.Rag.Green, rag);
        var browser = new Browser(Factory.CreateBrowser());
        var response = await ApprovalDriver.DecideAsync(browser, await browser.GetAsync(Driver.LinkFor(Bcm)), "ApproveWithConditions", "Recovery plan agreed",
            new() { ["Form.Conditions[0].Description"] = "Close the process and data gaps", ["Form.Conditions[0].Owner"] = "Custody lead", ["Form.Conditions[0].Due"] = "T-3" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var sro = await Driver.SignedInAsync("sro.connect@readiness.demo");
        var pack = await sro.GetAsync("/Releases/CONNECT-P1/Pack");
        var words = $"Team lead says Green; the answers score {rag}.";
        Assert.Contains(words, pack.QuerySelector("[data-testid=divergence] [data-area=CUSTODY]")!.TextContent, StringComparison.Ordinal);
        var custody = pack.QuerySelector("[data-testid=pack-failing] [data-area=CUSTODY]")!;
        Assert.NotEmpty(custody.QuerySelectorAll("[data-criterion]"));
        Assert.Contains("Behind plan: recovery agreed with the programme", custody.TextContent, StringComparison.Ordinal);
        Assert.Contains("Approved with conditions", custody.TextContent, StringComparison.Ordinal);
        var overview = await sro.GetAsync("/Releases/CONNECT-P1");
        Assert.Contains(words, overview.QuerySelector("[data-testid=divergence]")!.TextContent, StringComparison.Ordinal);
    }
}
