using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// Long lists (releases, people) are searchable text boxes, not selects: what a person types or picks — a code, a name,
/// the choice's full text, or an email — names the one item; text that names none is refused on its field, nothing saved.
/// </summary>
public sealed class SearchableChoiceTests : IDisposable
{
    private const string Pmo = "pmo@readiness.demo";
    private readonly ReadinessFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<Browser> SignedInAsync(string email)
    {
        var browser = new Browser(_app.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    private Task<string> ReleaseNameAsync(string code) => _app.WithDbAsync(db => db.Releases.Where(r => r.Code == code).Select(r => r.Name).SingleAsync());

    [Fact]
    public async Task A_dependency_is_added_by_typing_the_release_name_and_text_naming_no_release_is_refused_on_its_field()
    {
        var pmo = await SignedInAsync(Pmo);
        const string url = "/Admin/Releases/CRS-LAUNCH/Dependencies";
        var page = await pmo.GetAsync(url);
        Assert.NotNull(page.QuerySelector("input#DependsOnCode[list='DependsOnCode-choices']"));
        Assert.Null(page.QuerySelector("select#DependsOnCode"));
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form#admin-form")!;

        var unknown = await pmo.SubmitAsync(form, new() { ["DependsOnCode"] = "A release nobody made" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var refused = await Browser.ParseAsync(unknown, url);
        Assert.NotNull(refused.QuerySelector(".govuk-error-summary a[href='#DependsOnCode']"));
        Assert.Equal("A release nobody made", refused.QuerySelector("input#DependsOnCode")!.GetAttribute("value"));

        var name = await ReleaseNameAsync("SOH-R4");
        var added = await pmo.SubmitAsync(form, new() { ["DependsOnCode"] = name });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var dependsOn = await _app.WithDbAsync(db => (from d in db.ReleaseDependencies
                                                       join r in db.Releases on d.ReleaseId equals r.Id
                                                       join o in db.Releases on d.DependsOnReleaseId equals o.Id
                                                       where r.Code == "CRS-LAUNCH"
                                                       select o.Code).ToListAsync());
        Assert.Contains("SOH-R4", dependsOn);
    }

    [Fact]
    public async Task A_refused_choice_is_marked_as_every_field_in_error_is()
    {
        var pmo = await SignedInAsync(Pmo);
        const string url = "/Admin/Releases/CRS-LAUNCH/Dependencies";
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await pmo.GetAsync(url)).QuerySelector("form#admin-form")!;
        Assert.Null(form.QuerySelector(".govuk-form-group--error"));

        var refused = await Browser.ParseAsync(await pmo.SubmitAsync(form, new() { ["DependsOnCode"] = "A release nobody made" }), url);
        var input = refused.QuerySelector("input#DependsOnCode")!;
        Assert.Contains("govuk-input--error", input.ClassList);
        Assert.Contains("govuk-form-group--error", input.ParentElement!.ClassList);
        Assert.Equal("DependsOnCode-hint DependsOnCode-error", input.GetAttribute("aria-describedby"));
        var message = refused.QuerySelector("p.govuk-error-message#DependsOnCode-error")!;
        Assert.StartsWith("Error:", message.TextContent, StringComparison.Ordinal);
        Assert.Equal(refused.QuerySelector(".govuk-error-summary a[href='#DependsOnCode']")!.TextContent.Trim(), message.TextContent["Error:".Length..].Trim());
    }

    [Fact]
    public async Task The_risk_register_filters_by_a_release_name_as_by_its_code()
    {
        var pmo = await SignedInAsync(Pmo);
        var byCode = (await pmo.GetAsync("/Risks?Release=CONNECT-P1")).QuerySelectorAll("tr[data-risk]").Select(tr => tr.GetAttribute("data-risk")).ToList();
        var name = await ReleaseNameAsync("CONNECT-P1");
        var page = await pmo.GetAsync("/Risks?Release=" + Uri.EscapeDataString(name));
        Assert.NotEmpty(byCode);
        Assert.Equal(byCode, page.QuerySelectorAll("tr[data-risk]").Select(tr => tr.GetAttribute("data-risk")).ToList());
        Assert.Equal(name, page.QuerySelector("input#Release")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_risk_register_suggests_the_releases_some_risk_names_not_the_whole_portfolio()
    {
        var pmo = await SignedInAsync(Pmo);
        var page = await pmo.GetAsync("/Risks");
        var box = page.QuerySelector("input#Release")!;
        var offered = page.QuerySelectorAll($"datalist#{box.GetAttribute("list")} option").Select(o => o.GetAttribute("value")).ToList();
        var (named, all) = await _app.WithDbAsync(async db => (
            await db.Releases.Where(r => db.RiskReleases.Any(l => l.ReleaseId == r.Id)).CountAsync(), await db.Releases.CountAsync()));
        Assert.Equal(named, offered.Count);
        Assert.True(named < all, $"{named} of {all} releases have risks: the demo should have releases without any.");
        var connect = await ReleaseNameAsync("CONNECT-P1");
        Assert.Contains(offered, o => o!.Contains("CONNECT-P1", StringComparison.Ordinal) || o.Contains(connect, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delegate_is_chosen_by_typing_their_name_or_email()
    {
        var bcm = await SignedInAsync("bcm.justice@readiness.demo");
        var page = await bcm.GetAsync("/Approvals/Delegations");
        var form = page.Forms.First(f => f.QuerySelector("#ToUserId") is not null);
        Assert.Equal("input", form.QuerySelector("#ToUserId")!.LocalName);
        var today = DateOnly.FromDateTime(ReadinessFactory.DefaultNow.UtcDateTime);
        var saved = await bcm.SubmitAsync(form, new()
        {
            ["ToUserId"] = "Nadia Hussain",
            ["StartsOn"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["EndsOn"] = today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var to = await _app.WithDbAsync(db => (from d in db.Delegations join u in db.Users on d.ToUserId equals u.Id select u.Email).SingleAsync());
        Assert.Equal("bcm.central@readiness.demo", to);
    }
}
