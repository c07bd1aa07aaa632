using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Portfolio;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests.Security;

/// <summary>
/// The attack drill's token sweep as a test: for each credential in a URL — decision links, the invitation's
/// set-password link, calendar-feed tokens — a generated set of hostile tokens (<see cref="HostileTokens"/>) plus the
/// real ones that must no longer work (another person's, expired, used, revoked), each sent as GET, HEAD and POST. Every
/// one gets the page's one uniform refusal with a 4xx (never a 500), the database is unchanged afterwards, and the good
/// link still works.
/// </summary>
public sealed class HostileTokenTests(HostileTokenTests.Links links) : IClassFixture<HostileTokenTests.Links>
{
    /// <summary>One app with a credential in every state: built once, through the real pages and emails.</summary>
    public sealed class Links : IAsyncLifetime
    {
        private SmtpTestServer _smtp = null!;
        public ReadinessFactory Factory { get; private set; } = null!;
        private ApprovalDriver Driver { get; set; } = null!;

        public string LiveToken { get; private set; } = "";
        public string OtherPersonsToken { get; private set; } = "";
        public int OtherRequestId { get; private set; }
        public Dictionary<string, string> DeadTokens { get; } = [];
        public (string Person, string Token) Invitation { get; private set; }
        public Dictionary<string, (string Person, string Token)> DeadInvitations { get; } = [];
        public string FeedPerson { get; private set; } = "";
        public string OtherFeedPerson { get; private set; } = "";
        public string LeftFeedPerson { get; private set; } = "";
        public CalendarTokens Feeds => Factory.Services.GetRequiredService<CalendarTokens>();

        public async Task InitializeAsync()
        {
            _smtp = await SmtpTestServer.StartAsync();
            Factory = new ReadinessFactory(settings: ApprovalDriver.SmtpSettings(_smtp));
            Driver = new ApprovalDriver(Factory, _smtp);
            var expired = await InviteAsync("expired.invitee@met.example");
            Factory.Clock.Advance(TimeSpan.FromDays(8)); // past the invitation's 7 days; everything below is made after it
            DeadInvitations["expired"] = expired;
            Invitation = await InviteAsync("live.invitee@met.example");
            DeadInvitations["used"] = await InviteAsync("used.invitee@met.example");
            var person = new Browser(Factory.CreateBrowser());
            var page = await person.GetAsync(Path(DeadInvitations["used"]));
            await person.SubmitAsync(page.Forms.Single(f => f.QuerySelector("#Password") is not null), new() { ["Password"] = "Correct-Horse-42", ["Confirm"] = "Correct-Horse-42" });
            DeadInvitations["revoked: the person was deactivated"] = await InviteAsync("left.invitee@met.example");
            await DeactivateAsync("left.invitee@met.example");
            DeadInvitations["another person's token"] = (await IdOfAsync("used.invitee@met.example"), Invitation.Token);

            LiveToken = await LinkTokenAsync("CUSTODY", "bcm.justice@readiness.demo");
            OtherPersonsToken = await LinkTokenAsync("BCU-CW", "bcm.central@readiness.demo");
            OtherRequestId = await Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.TokenHash == ApprovalRequest.HashToken(OtherPersonsToken)).Select(r => r.Id).SingleAsync());
            var used = await LinkTokenAsync("CASE", "bcm.justice@readiness.demo");
            var anonymous = new Browser(Factory.CreateBrowser());
            await ApprovalDriver.DecideAsync(anonymous, await anonymous.GetAsync($"/Decide/{used}"), "Approve");
            await ExpireAsync(used, ApprovalRequest.ClosedLinkOutcomeFor + TimeSpan.FromHours(1)); // past even "decided by X"
            DeadTokens["used"] = used;
            DeadTokens["expired"] = await LinkTokenAsync("PROPERTY", "bcm.justice@readiness.demo");
            await ExpireAsync(DeadTokens["expired"], TimeSpan.FromHours(1));
            DeadTokens["revoked: the approver was deactivated"] = await LinkTokenAsync("BCU-NW", "bcm.north@readiness.demo");
            await DeactivateAsync("bcm.north@readiness.demo");

            FeedPerson = await IdOfAsync("sro.connect@readiness.demo");
            OtherFeedPerson = await IdOfAsync("pmo@readiness.demo");
            LeftFeedPerson = await IdOfAsync("bcm.north@readiness.demo");
        }

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
            await _smtp.DisposeAsync();
        }

        public static string Path((string Person, string Token) invitation) =>
            $"/Account/SetPassword?person={Uri.EscapeDataString(invitation.Person)}&token={Uri.EscapeDataString(invitation.Token)}";

        private Task<string> IdOfAsync(string email) => Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        private Task<(string Person, string Token)> InviteAsync(string email) => Driver.InviteAsync(email);

        private async Task<string> LinkTokenAsync(string area, string bcm)
        {
            await Driver.SubmitReturnAsync("CONNECT-P1", area);
            await Driver.DispatchAsync();
            return Driver.LinkFor(bcm).Split('/')[2];
        }

        private Task<int> ExpireAsync(string token, TimeSpan ago)
        {
            var at = Factory.Clock.GetUtcNow().UtcDateTime - ago;
            return Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.TokenHash == ApprovalRequest.HashToken(token))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.TokenExpiresAtUtc, at)));
        }

        private async Task DeactivateAsync(string email)
        {
            var pmo = await Driver.SignedInAsync("pmo@readiness.demo");
            var page = await pmo.GetAsync($"/Admin/People/{await IdOfAsync(email)}");
            var response = await pmo.SubmitAsync(page.Forms.Single(f => f.GetAttribute("action")!.Contains("handler=Deactivate", StringComparison.Ordinal)), []);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    private ReadinessFactory Factory => links.Factory;

    /// <summary>A request of the sweep: what it is, where it goes, who sends it and what it posts.</summary>
    private sealed record Case(string Kind, string Url, Browser Who, Dictionary<string, string> Form);

    /// <summary>
    /// Sends every case as GET, HEAD and POST and lists each answer that is not the uniform refusal: <paramref name="status"/>
    /// (and for GET and POST the page headed <paramref name="heading"/>), or 405 where the page takes no POST.
    /// </summary>
    private static async Task<string> SweepAsync(IEnumerable<Case> cases, HttpStatusCode status, string? heading, HttpStatusCode? postStatus = null)
    {
        var wrong = new StringBuilder();
        foreach (var c in cases)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head, HttpMethod.Post })
            {
                using var request = new HttpRequestMessage(method, c.Url);
                if (method == HttpMethod.Post) request.Content = new FormUrlEncodedContent(c.Form);
                var response = await c.Who.Client.SendAsync(request);
                var expected = method == HttpMethod.Post ? postStatus ?? status : status;
                var page = await Browser.ParseAsync(response, "/");
                // HEAD's body is the server's to drop (Kestrel does; the in-process test server does not): only its status counts.
                var problem = response.StatusCode != expected ? $"answered {(int)response.StatusCode}, not {(int)expected}"
                    : method != HttpMethod.Head && heading is not null && expected == status && page.QuerySelector("h1")?.TextContent.Trim() != heading
                        ? $"showed '{page.QuerySelector("h1")?.TextContent.Trim()}', not '{heading}'"
                        : null;
                if (problem is not null) wrong.AppendLine($"{method} {c.Kind} ({Cut(c.Url)}): {problem}");
            }
        }
        return wrong.ToString();
    }

    private static string Cut(string url) => url.Length > 90 ? url[..90] + "…" : url;

    /// <summary>An antiforgery token good for <paramref name="who"/>, from a page of theirs: the POSTs reach the page itself.</summary>
    private static async Task<string> AntiforgeryAsync(Browser who, string page) =>
        (await who.GetAsync(page)).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

    [Fact]
    public async Task Every_hostile_decision_link_gets_the_uniform_refusal_on_get_head_and_post_and_changes_nothing()
    {
        var anonymous = new Browser(Factory.CreateBrowser());
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = await AntiforgeryAsync(anonymous, $"/Decide/{links.LiveToken}"), ["Form.Decision"] = "Approve" };
        var bcm = new Browser(Factory.CreateBrowser());
        await bcm.SignInAsync("bcm.justice@readiness.demo");
        var signedInForm = new Dictionary<string, string> { ["__RequestVerificationToken"] = await AntiforgeryAsync(bcm, "/Approvals"), ["Form.Decision"] = "Approve" };
        var cases = new List<Case>();
        foreach (var (kind, token) in HostileTokens.From(links.LiveToken))
            cases.Add(new(kind, $"/Decide/{Uri.EscapeDataString(token)}", anonymous, form));
        foreach (var (kind, token) in links.DeadTokens)
        {
            cases.Add(new(kind, $"/Decide/{token}", anonymous, form));
            cases.AddRange(HostileTokens.From(token).Take(12).Select(v => new Case($"{kind}, then {v.Kind}", $"/Decide/{Uri.EscapeDataString(v.Token)}", anonymous, form)));
        }
        cases.Add(new("another person's link, signed in", $"/Decide/{links.OtherPersonsToken}", bcm, signedInForm));
        cases.Add(new("in the older form, with another request's id", $"/Decide/{links.OtherRequestId}/{links.LiveToken}", anonymous, form));
        cases.Add(new("in the older form, with an id that does not exist", $"/Decide/987654/{links.LiveToken}", anonymous, form));
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var wrong = await SweepAsync(cases, HttpStatusCode.NotFound, "This link cannot be used");

        Assert.True(cases.Count > 80, $"only {cases.Count} cases");
        Assert.True(wrong.Length == 0, "Not the uniform refusal:\n" + wrong);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(Factory));
        Assert.NotNull((await new Browser(Factory.CreateBrowser()).GetAsync($"/Decide/{links.LiveToken}")).QuerySelector("input[name='Form.Decision'][value='Approve']"));
    }

    [Fact]
    public async Task Every_hostile_set_password_link_gets_the_uniform_refusal_on_get_head_and_post_and_changes_nothing()
    {
        var anonymous = new Browser(Factory.CreateBrowser());
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryAsync(anonymous, Links.Path(links.Invitation)),
            ["Password"] = "Hostile-Takeover-99", ["Confirm"] = "Hostile-Takeover-99",
        };
        var person = links.Invitation.Person;
        var cases = HostileTokens.From(links.Invitation.Token).Select(v => new Case(v.Kind, Links.Path((person, v.Token)), anonymous, form)).ToList();
        foreach (var (kind, invitation) in links.DeadInvitations)
        {
            cases.Add(new(kind, Links.Path(invitation), anonymous, form));
            cases.AddRange(HostileTokens.From(invitation.Token).Take(6).Select(v => new Case($"{kind}, then {v.Kind}", Links.Path((invitation.Person, v.Token)), anonymous, form)));
        }
        foreach (var (kind, id) in HostileTokens.From(person).Take(20))
            cases.Add(new($"person {kind}", Links.Path((id, links.Invitation.Token)), anonymous, form));
        cases.Add(new("no person", $"/Account/SetPassword?token={Uri.EscapeDataString(links.Invitation.Token)}", anonymous, form));
        cases.Add(new("no token", $"/Account/SetPassword?person={person}", anonymous, form));
        cases.Add(new("nothing", "/Account/SetPassword", anonymous, form));
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var wrong = await SweepAsync(cases, HttpStatusCode.Forbidden, "This link cannot be used");

        Assert.True(wrong.Length == 0, "Not the uniform refusal:\n" + wrong);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(Factory));
        Assert.NotNull((await new Browser(Factory.CreateBrowser()).GetAsync(Links.Path(links.Invitation))).QuerySelector("#Password"));
    }

    [Fact]
    public async Task Every_hostile_calendar_feed_token_is_refused_on_get_and_head_and_a_post_is_not_taken()
    {
        var anonymous = new Browser(Factory.CreateBrowser());
        string Feed(string person, string token) => $"/Portfolio/Calendar.ics?programme=CONNECT&u={Uri.EscapeDataString(person)}&token={Uri.EscapeDataString(token)}";
        var good = links.Feeds.For(links.FeedPerson);
        var cases = HostileTokens.From(good).Select(v => new Case(v.Kind, Feed(links.FeedPerson, v.Token), anonymous, [])).ToList();
        cases.Add(new("another person's token", Feed(links.FeedPerson, links.Feeds.For(links.OtherFeedPerson)), anonymous, []));
        cases.Add(new("the token for another person id", Feed(links.OtherFeedPerson, good), anonymous, []));
        cases.Add(new("revoked: the person was deactivated", Feed(links.LeftFeedPerson, links.Feeds.For(links.LeftFeedPerson)), anonymous, []));
        cases.Add(new("a person who does not exist, with their token", Feed("no-such-person", links.Feeds.For("no-such-person")), anonymous, []));
        foreach (var (kind, id) in HostileTokens.From(links.FeedPerson).Take(20))
            cases.Add(new($"person {kind}", Feed(id, good), anonymous, []));
        cases.Add(new("no token", $"/Portfolio/Calendar.ics?u={links.FeedPerson}", anonymous, []));
        cases.Add(new("nothing", "/Portfolio/Calendar.ics", anonymous, []));
        var before = await DatabaseSnapshot.TakeAsync(Factory);

        var wrong = await SweepAsync(cases, HttpStatusCode.Forbidden, heading: null, postStatus: HttpStatusCode.MethodNotAllowed);

        Assert.True(wrong.Length == 0, "Not the uniform refusal:\n" + wrong);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(Factory));
        var feed = await anonymous.GetRawAsync(Feed(links.FeedPerson, good));
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.StartsWith("BEGIN:VCALENDAR", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
