using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Portfolio;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests.Security;

/// <summary>The CSRF and header sweeps share one app (they change nothing): a collection runs their classes one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class RequestSweeps : ICollectionFixture<SweepApp>
{
    public const string Name = "request sweeps";
}

/// <summary>
/// An app with a real credential of each kind — a live decision link, an invitation's set-password link, a calendar
/// feed — and real ids for the routes that need one, so a sweep reaches each page as its people do.
/// </summary>
public sealed class SweepApp : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    public ReadinessFactory Factory { get; private set; } = null!;

    /// <summary>Values for <see cref="AppPages.PathOf"/>: by placeholder, or by "pattern:placeholder".</summary>
    public Dictionary<string, string> Values { get; } = [];

    public string DecisionLink { get; private set; } = "";
    public string SetPasswordPath { get; private set; } = "";
    public string FeedPath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        Factory = new ReadinessFactory(settings: new Dictionary<string, string?>(ApprovalDriver.SmtpSettings(_smtp)) { ["Email:ShowMailPage"] = "true" });
        var driver = new ApprovalDriver(Factory, _smtp);
        var returnId = await driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        await driver.DispatchAsync();
        DecisionLink = driver.LinkFor("bcm.justice@readiness.demo");
        var token = DecisionLink.Split('/')[2];
        var requestId = await Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.TokenHash == ApprovalRequest.HashToken(token)).Select(r => r.Id).SingleAsync());

        var (invitee, _) = await driver.InviteAsync("swept.invitee@met.example");
        SetPasswordPath = driver.SetPasswordLinkFor("swept.invitee@met.example");

        var sro = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "sro.connect@readiness.demo").Select(u => u.Id).SingleAsync());
        FeedPath = $"/Portfolio/Calendar.ics?programme=CONNECT&u={sro}&token={Factory.Services.GetRequiredService<CalendarTokens>().For(sro)}";

        Values["token"] = token;
        Values["Decide/{id:int}/{token}:id:int"] = Values["Approvals/Decide/{id:int}:id:int"] = requestId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var page in new[] { "Edit", "Submit", "Submitted", "View" })
            Values[$"Assessments/{page}/{{id:int}}:id:int"] = returnId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Values["Indicators/{id:int}:id:int"] = Values["Indicators/{id:int}/Upload:id:int"] =
            (await Factory.WithDbAsync(db => db.LeadIndicators.Where(i => i.Code == "CALL-101").Select(i => i.Id).FirstAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Values["Admin/Releases/{code}/Gates/{id:int}/Remove:id:int"] =
            (await Factory.WithDbAsync(db => db.Gates.Where(g => g.Release!.Code == "CONNECT-P1").Select(g => g.Id).FirstAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Values["Dev/Mail/{id:int}:id:int"] = (await Factory.WithDbAsync(db => db.Outbox.Select(m => m.Id).FirstAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Values["Admin/People/{id}:id"] = invitee;
        Values["Admin/Areas/{code?}:code"] = "CUSTODY";
    }

    /// <summary>The address a sweep opens for a route: with its credential for the token pages.</summary>
    public string PathOf(string pattern) => pattern switch
    {
        "Account/SetPassword" => SetPasswordPath,
        "Portfolio/Calendar.ics" => FeedPath,
        _ => AppPages.PathOf(pattern, Values),
    };

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }
}
