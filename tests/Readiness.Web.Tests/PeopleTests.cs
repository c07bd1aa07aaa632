using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// People joining and leaving, as the PMO runs it: an invitation whose set-password link works once; a BCM who leaves
/// with a return waiting, their link dead at once and the return reassigned to another BCM, who is emailed; roles.
/// </summary>
public sealed class PeopleTests : EmailedAppTest
{
    private const string Pmo = "pmo@readiness.demo";
    private const string Bcm = "bcm.justice@readiness.demo";
    private const string OtherBcm = "bcm.central@readiness.demo";

    private Task<string> IdOfAsync(string email) => Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task An_invited_person_sets_their_password_once_from_the_emailed_link_and_signs_in()
    {
        var pmo = await Driver.SignedInAsync(Pmo);
        var form = (await pmo.GetAsync("/Admin/People/Invite")).Forms.Single(f => f.QuerySelector("#Email") is not null);

        var invited = await pmo.SubmitAsync(form, new() { ["Email"] = "a.new.sro@met.example", ["DisplayName"] = "Ada New", ["Roles"] = "SRO" });
        await Driver.DispatchAsync();

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var link = Driver.SetPasswordLinkFor("a.new.sro@met.example");
        var person = new Browser(Factory.CreateBrowser());
        var page = await person.GetAsync(link);
        var set = await person.SubmitAsync(page.Forms.Single(f => f.QuerySelector("#Password") is not null),
            new() { ["Password"] = "Correct-Horse-42", ["Confirm"] = "Correct-Horse-42" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        await new Browser(Factory.CreateBrowser()).SignInAsync("a.new.sro@met.example", "Correct-Horse-42");
        var again = await new Browser(Factory.CreateBrowser()).GetRawAsync(link);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("has been used already", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["SRO"], await Factory.WithDbAsync(db => (from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id
                                                              where u.Email == "a.new.sro@met.example" select r.Name!).ToListAsync()));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "person.invited" && e.Summary.Contains("no account → a.new.sro@met.example"))));
    }

    [Fact]
    public async Task An_invitation_to_an_existing_address_is_refused_naming_the_field()
    {
        var pmo = await Driver.SignedInAsync(Pmo);
        var form = (await pmo.GetAsync("/Admin/People/Invite")).Forms.Single(f => f.QuerySelector("#Email") is not null);
        var people = await Factory.WithDbAsync(db => db.Users.CountAsync());

        var refused = await pmo.SubmitAsync(form, new() { ["Email"] = Bcm, ["DisplayName"] = "Again" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await Browser.ParseAsync(refused, "/");
        Assert.Contains("already has an account", page.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(people, await Factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_deactivated_bcm_cannot_use_their_link_or_sign_in_and_the_pmo_reassigns_their_pending_return()
    {
        await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        await Driver.DispatchAsync();
        var oldLink = Driver.LinkFor(Bcm);
        var bcmSession = await Driver.SignedInAsync(Bcm);
        var pmo = await Driver.SignedInAsync(Pmo);
        var area = await pmo.GetAsync("/Admin/Areas/CUSTODY");
        await pmo.SubmitAsync(area.Forms.Single(f => f.QuerySelector("#Member_UserEmail") is not null), new() { ["Member.UserEmail"] = OtherBcm, ["Member.Role"] = "Bcm" });
        var bcmId = await IdOfAsync(Bcm);

        var person = await pmo.GetAsync($"/Admin/People/{bcmId}");
        var deactivated = await pmo.SubmitAsync(person.Forms.Single(f => f.GetAttribute("action")!.Contains("handler=Deactivate", StringComparison.Ordinal)), new());

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        var refused = await new Browser(Factory.CreateBrowser()).GetRawAsync(oldLink);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new Browser(Factory.CreateBrowser()).SignInAsync(Bcm));
        Factory.Clock.Advance(TimeSpan.FromMinutes(2)); // past the security stamp check
        var afterStampCheck = await bcmSession.Client.GetAsync("/Approvals");
        Assert.Equal(HttpStatusCode.Redirect, afterStampCheck.StatusCode);
        Assert.Contains("/Account/SignIn", afterStampCheck.Headers.Location!.ToString(), StringComparison.Ordinal);

        person = await pmo.GetAsync($"/Admin/People/{bcmId}");
        Assert.Equal("Deactivated: cannot sign in", person.QuerySelector("[data-testid=status]")!.TextContent);
        var reassign = person.Forms.Single(f => f.HasAttribute("data-request"));
        Assert.StartsWith("CONNECT-P1 Custody return, due", reassign.QuerySelector("label")!.TextContent, StringComparison.Ordinal);
        var reassigned = await pmo.SubmitAsync(reassign, new() { ["toUserId"] = await IdOfAsync(OtherBcm) });
        await Driver.DispatchAsync();

        Assert.Equal(HttpStatusCode.Redirect, reassigned.StatusCode);
        var other = new Browser(Factory.CreateBrowser());
        var decided = await ApprovalDriver.DecideAsync(other, await other.GetAsync(Driver.LinkFor(OtherBcm)), "Approve");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var actions = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "person.deactivated" || e.Action == "approval.reassigned").Select(e => e.Summary).ToListAsync());
        Assert.Contains(actions, a => a.Contains("active → deactivated", StringComparison.Ordinal) && a.Contains("1 pending decision link(s) revoked", StringComparison.Ordinal));
        Assert.Contains(actions, a => a == $"approver {Bcm} → {OtherBcm}");
        Assert.Equal(ApprovalStatus.Revoked, await Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.ApproverUserId == bcmId).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Reactivating_lets_the_person_sign_in_again()
    {
        var pmo = await Driver.SignedInAsync(Pmo);
        var id = await IdOfAsync(OtherBcm);
        var page = await pmo.GetAsync($"/Admin/People/{id}");
        await pmo.SubmitAsync(page.Forms.Single(f => f.GetAttribute("action")!.Contains("handler=Deactivate", StringComparison.Ordinal)), new());
        page = await pmo.GetAsync($"/Admin/People/{id}");

        var reactivated = await pmo.SubmitAsync(page.Forms.Single(f => f.GetAttribute("action")!.Contains("handler=Reactivate", StringComparison.Ordinal)), new());

        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        await new Browser(Factory.CreateBrowser()).SignInAsync(OtherBcm);
    }

    [Fact]
    public async Task The_pmo_finds_people_by_name_and_only_the_pmo_sees_the_people_pages()
    {
        var pmo = await Driver.SignedInAsync(Pmo);
        var found = await pmo.GetAsync("/Admin/People?q=fairweather");
        var bcm = await Driver.SignedInAsync(Bcm);
        var denied = await bcm.Client.GetAsync("/Admin/People");

        Assert.Equal([Bcm], found.QuerySelectorAll("tr[data-person]").Select(r => r.GetAttribute("data-person")!));
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [Fact]
    public async Task The_pmo_adds_and_removes_a_persons_areas_on_their_page_and_the_role_follows()
    {
        var pmo = await Driver.SignedInAsync(Pmo);
        var id = await IdOfAsync("sro.connect@readiness.demo");
        var page = await pmo.GetAsync($"/Admin/People/{id}");

        var added = await pmo.SubmitAsync(page.Forms.Single(f => f.QuerySelector("#Membership_AreaCode") is not null), new() { ["Membership.AreaCode"] = "METCC", ["Membership.Role"] = "Bcm" });
        page = await pmo.GetAsync($"/Admin/People/{id}");
        var again = await pmo.SubmitAsync(page.Forms.Single(f => f.QuerySelector("#Membership_AreaCode") is not null), new() { ["Membership.AreaCode"] = "METCC", ["Membership.Role"] = "Bcm" });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(["BCM", "SRO"], await RolesOfAsync(id));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var refused = await Browser.ParseAsync(again, "/");
        Assert.Equal("#Membership_AreaCode", refused.QuerySelector(".govuk-error-summary li a")!.GetAttribute("href"));
        Assert.Contains("already a BCM of", refused.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);

        var remove = page.Forms.Single(f => f.GetAttribute("action")!.Contains("handler=RemoveMembership", StringComparison.Ordinal));
        var removed = await pmo.SubmitAsync(remove, new());
        var twice = await pmo.SubmitAsync(remove, new());

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(["SRO"], await RolesOfAsync(id));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode); // already gone: stale, nothing else changes
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action.StartsWith("area.member")).OrderBy(e => e.Id).Select(e => e.Summary).ToListAsync());
        Assert.Equal(["sro.connect@readiness.demo: not BCM of METCC → BCM of METCC; given the BCM role",
                      "sro.connect@readiness.demo: BCM of METCC → not BCM of METCC; the BCM role removed (no other BCM area)"], audit);
    }

    [Fact]
    public async Task The_sro_role_of_someone_who_still_owns_open_releases_is_not_removed_and_the_message_names_the_releases()
    {
        var pmo = await Driver.SignedInAsync(Pmo);
        var id = await IdOfAsync("sro.connect@readiness.demo");
        var owned = await Factory.WithDbAsync(db => db.Releases.Where(r => r.SroUserId == id && r.Status != Readiness.Core.Portfolio.ReleaseStatus.Closed).Select(r => r.Code).ToListAsync());
        var page = await pmo.GetAsync($"/Admin/People/{id}");
        var form = page.Forms.Single(f => f.GetAttribute("action")!.Contains("handler=Roles", StringComparison.Ordinal));
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var response = await pmo.SubmitAsync(form, new() { ["Roles"] = "PMO" }); // SRO unticked (PMO ticked instead)

        Assert.NotEmpty(owned);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refused = (await Browser.ParseAsync(response, "/")).QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.All(owned, code => Assert.Contains(code, refused, StringComparison.Ordinal));
        Assert.Contains("another SRO first", refused, StringComparison.Ordinal);
        Assert.Equal(["SRO"], await RolesOfAsync(id));
        Assert.Equal(audit, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task A_membership_of_someone_else_cannot_be_removed_through_another_persons_page()
    {
        var pmo = await Driver.SignedInAsync(Pmo);
        var membership = await Factory.WithDbAsync(db => db.AreaMemberships.Where(m => m.UserId == db.Users.Single(u => u.Email == Bcm).Id).Select(m => m.Id).FirstAsync());
        var other = await IdOfAsync(OtherBcm);
        var page = await pmo.GetAsync($"/Admin/People/{other}");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var before = await Factory.WithDbAsync(db => db.AreaMemberships.CountAsync());

        var response = await pmo.Client.PostAsync($"/Admin/People/{other}?handler=RemoveMembership&membership={membership}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.AreaMemberships.CountAsync()));
    }

    private Task<List<string>> RolesOfAsync(string id) => Factory.WithDbAsync(db =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id orderby r.Name select r.Name!).ToListAsync());
}
