using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Templates;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>A BCM may accept a failed criterion as a waiver (reason, expiry); the SRO's decision pack shows it.</summary>
public sealed class WaiverTests : EmailedAppTest
{
    private const string Bcm = "bcm.justice@readiness.demo";
    private Criterion _failing = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _failing = await Factory.WithDbAsync(db => db.Criteria.FirstAsync(c => !c.Blocking && c.AnswerType == AnswerType.Percentage && c.AppliesIfMinImpactLevel == null && !c.AppliesIfTraining && !c.AppliesIfHypercare));
        var lead = await Driver.SignedInAsync("tl.custody@readiness.demo");
        var returns = new ReturnDriver(Factory, lead);
        var id = await returns.ReturnIdAsync("CONNECT-P1", "CUSTODY");
        var goLive = await Factory.WithDbAsync(db => db.Releases.Where(r => r.Code == "CONNECT-P1").Select(r => r.GoLive).SingleAsync());
        await returns.AnswerAllPassingAsync(id, goLive);
        var section = await Factory.WithDbAsync(db => db.TemplateSections.Where(s => s.Id == _failing.SectionId).Select(s => s.Order).SingleAsync());
        await returns.AnswerSectionAsync(id, section, c => c.Id == _failing.Id ? ("40", "", "") : (ReturnDriver.PassingValue(c, goLive), ReturnDriver.Evidence, ""));
        Assert.Equal(HttpStatusCode.Redirect, (await returns.SubmitAsync(id)).StatusCode);
        await Driver.DispatchAsync();
    }

    private async Task<HttpResponseMessage> ApproveWithWaiverAsync(string reason, DateOnly expiry)
    {
        var browser = new Browser(Factory.CreateBrowser());
        var page = await browser.GetAsync(Driver.LinkFor(Bcm));
        var row = page.QuerySelectorAll<IHtmlInputElement>("input[name$='.CriterionId'][name^='Form.Waivers']").Single(i => i.Value == _failing.Id.ToString(CultureInfo.InvariantCulture));
        var prefix = row.Name![..row.Name!.LastIndexOf('.')];
        return await ApprovalDriver.DecideAsync(browser, page, "Approve", "", new()
        {
            [$"{prefix}.Waive"] = "true",
            [$"{prefix}.Reason"] = reason,
            [$"{prefix}.ExpiresOn"] = expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
    }

    [Fact]
    public async Task The_failed_criterion_is_offered_for_waiver_and_the_pack_shows_the_waiver()
    {
        var response = await ApproveWithWaiverAsync("Remaining 60% trained in hypercare week 1", new DateOnly(2026, 4, 30));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var waiver = await Factory.WithDbAsync(db => db.Waivers.SingleAsync());
        Assert.Equal((_failing.Id, new DateOnly(2026, 4, 30)), (waiver.CriterionId, waiver.ExpiresOn));
        var pmo = await Driver.SignedInAsync("pmo@readiness.demo");
        var pack = (await pmo.GetAsync("/Releases/CONNECT-P1/Pack")).QuerySelector("[data-testid=waivers]")!.TextContent;
        Assert.Contains(_failing.Code, pack, StringComparison.Ordinal);
        Assert.Contains("Simon Fairweather", pack, StringComparison.Ordinal);
        Assert.Contains("Remaining 60% trained", pack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiver_without_a_reason_or_already_expired_is_refused_and_nothing_is_decided()
    {
        var noReason = await ApproveWithWaiverAsync("", new DateOnly(2026, 4, 30));
        var expired = await ApproveWithWaiverAsync("Fine", new DateOnly(2026, 3, 1));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Waivers.CountAsync()));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ApprovalRequests.CountAsync(r => r.Decision != null)));
    }
}
