using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Readiness.Core.BusinessAreas;
using Readiness.Infrastructure.Email;
using Readiness.Infrastructure.Tests.Email;

namespace Readiness.Web.Tests.Infrastructure;

/// <summary>
/// Drives approvals the way people do: team leads submit through the pages, the outbox dispatcher sends real
/// SMTP to the in-process server, and approvers follow the link found in the message that arrived.
/// </summary>
internal sealed partial class ApprovalDriver(ReadinessFactory factory, SmtpTestServer smtp)
{
    [GeneratedRegex(@"https?://[^/\s]+(/Decide/[A-Za-z0-9_-]+)")]
    private static partial Regex DecisionLink();

    [GeneratedRegex(@"(/Account/SetPassword\?\S+)")]
    private static partial Regex SetPasswordLink();

    public static Dictionary<string, string?> SmtpSettings(SmtpTestServer smtp) => new()
    {
        ["Email:Mode"] = "Smtp",
        ["Email:Host"] = "127.0.0.1",
        ["Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Security"] = "None",
    };

    public async Task<Browser> SignedInAsync(string email)
    {
        var browser = new Browser(factory.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    /// <summary>Submits an area's return as one of its team leads, through the real pages, and returns its id.</summary>
    public async Task<int> SubmitReturnAsync(string releaseCode, string areaCode, string? leadEmail = null)
    {
        var lead = leadEmail ?? await factory.WithDbAsync(db => (from m in db.AreaMemberships
                                                    join a in db.BusinessAreas on m.BusinessAreaId equals a.Id
                                                    join u in db.Users on m.UserId equals u.Id
                                                    where a.Code == areaCode && m.Role == AreaRole.TeamLead
                                                    orderby u.Email
                                                    select u.Email).FirstAsync());
        var browser = await SignedInAsync(lead!);
        var returns = new ReturnDriver(factory, browser);
        var id = await returns.ReturnIdAsync(releaseCode, areaCode);
        var goLive = await factory.WithDbAsync(db => db.Releases.Where(r => r.Code == releaseCode).Select(r => r.GoLive).SingleAsync());
        await returns.AnswerAllPassingAsync(id, goLive);
        var response = await returns.SubmitAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return id;
    }

    public Task<List<string>> BcmEmailsAsync(string areaCode) => factory.WithDbAsync(db => (from m in db.AreaMemberships
                                                                                         join a in db.BusinessAreas on m.BusinessAreaId equals a.Id
                                                                                         join u in db.Users on m.UserId equals u.Id
                                                                                         where a.Code == areaCode && m.Role == AreaRole.Bcm
                                                                                         orderby u.Email
                                                                                         select u.Email!).ToListAsync());

    /// <summary>Submits the area's return, sends the mail, and has the area's first BCM decide from the emailed link.</summary>
    public async Task<HttpResponseMessage> SubmitAndDecideAsync(string releaseCode, string areaCode, string decision = "Approve", string comment = "", Dictionary<string, string>? extra = null)
    {
        await SubmitReturnAsync(releaseCode, areaCode);
        await DispatchAsync();
        var bcm = (await BcmEmailsAsync(areaCode))[0];
        var browser = new Browser(factory.CreateBrowser());
        var link = LinkFor(bcm);
        return await DecideAsync(browser, await browser.GetAsync(link), decision, comment, extra);
    }

    public async Task<DispatchResult> DispatchAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
    }

    /// <summary>The newest message delivered to <paramref name="address"/>.</summary>
    public MimeMessage LastMailTo(string address) =>
        smtp.Accepted.Last(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase)).Message;

    /// <summary>The decision link (path only) in the newest message to <paramref name="address"/>, from its plain-text part.</summary>
    public string LinkFor(string address) => DecisionPathIn(LastMailTo(address).TextBody);

    /// <summary>The set-password link (path and query) in the newest message to <paramref name="address"/>.</summary>
    public string SetPasswordLinkFor(string address) => SetPasswordLink().Match(LastMailTo(address).TextBody ?? "").Groups[1].Value;

    /// <summary>Invites a person through the PMO's invite page and returns the person and token of their emailed set-password link.</summary>
    public async Task<(string Person, string Token)> InviteAsync(string email)
    {
        var pmo = await SignedInAsync("pmo@readiness.demo");
        var form = (await pmo.GetAsync("/Admin/People/Invite")).Forms.Single(f => f.QuerySelector("#Email") is not null);
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(form, new() { ["Email"] = email, ["DisplayName"] = "Invited " + email })).StatusCode);
        await DispatchAsync();
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(ReadinessFactory.SecureBase, SetPasswordLinkFor(email)).Query);
        return (query["person"].ToString(), query["token"].ToString());
    }

    /// <summary>The path of the decision link in an email's plain text ("" when there is none).</summary>
    public static string DecisionPathIn(string? text) => DecisionLink().Match(text ?? "").Groups[1].Value;

    public static async Task<HttpResponseMessage> DecideAsync(Browser browser, IDocument page, string decision, string comment = "", Dictionary<string, string>? extra = null)
    {
        var form = page.Forms.Single(f => f.QuerySelector("input[name='Form.Decision']") is not null);
        var values = new Dictionary<string, string> { ["Form.Decision"] = decision, ["Form.Comment"] = comment };
        foreach (var (k, v) in extra ?? []) values[k] = v;
        return await browser.SubmitAsync(form, values);
    }
}
