using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Readiness.BrowserTests.Infrastructure;

/// <summary>
/// What people do in the browser: a team lead submits a return from My work; an approver follows the link in the
/// newest email they received and confirms a decision. (ApprovalDriver's HttpClient cannot reach Kestrel: the
/// factory's clients are fixed to http://localhost, so every page here is clicked through in Chromium.)
/// </summary>
public sealed class People(ServedApp app)
{
    /// <summary>Signs in as <paramref name="lead"/>, opens the release's return from My work, answers it all and submits.</summary>
    public async Task<IPage> SubmitReturnAsync(string lead, string release)
    {
        var goLive = await app.GoLiveAsync(release);
        var page = await app.SignedInAsync(lead);
        await page.GetByRole(AriaRole.Link, new() { Name = "My work" }).ClickAsync();
        await page.Locator("tbody tr").Filter(new() { HasText = release }).GetByRole(AriaRole.Link).ClickAsync();
        await new ReturnForm(app, page).AnswerEverySectionAsync(goLive);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit return" }).ClickAsync();
        await Arrival.AtAsync(page, new Regex("/Assessments/Submitted/"));
        return page;
    }

    /// <summary>Sends the outbox, then opens <paramref name="approver"/>'s emailed link in a fresh, signed-out browser.</summary>
    public async Task<IPage> OpenEmailedLinkAsync(string approver)
    {
        await app.Driver.DispatchAsync();
        Assert.Contains(app.Smtp.Accepted, m => m.Recipients.Contains(approver, StringComparer.OrdinalIgnoreCase));
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.EmailedLink(approver));
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Your decision" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Chooses <paramref name="decision"/> on an open decision page, confirms, and waits for it to be recorded.</summary>
    public static async Task ConfirmAsync(IPage page, string decision, string? dca = null, string? comment = null)
    {
        await page.GetByLabel(decision, new() { Exact = true }).CheckAsync();
        if (dca is not null) await page.GetByLabel(dca, new() { Exact = true }).CheckAsync();
        if (comment is not null) await page.Locator("#Form_Comment").FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm decision" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm decision" })).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=confirmation]")).ToBeVisibleAsync();
    }

    /// <summary>The area's team lead submits, and its first BCM approves from the emailed link.</summary>
    public async Task SubmitAndApproveAsync(string release, string area)
    {
        var lead = (await app.MembersAsync(area, Readiness.Core.BusinessAreas.AreaRole.TeamLead))[0];
        await (await SubmitReturnAsync(lead, release)).Context.CloseAsync();
        var bcm = (await app.Driver.BcmEmailsAsync(area))[0];
        var page = await OpenEmailedLinkAsync(bcm);
        await ConfirmAsync(page, "Approve");
        await page.Context.CloseAsync();
    }
}
