using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Audit;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.People;
using Readiness.Core.Portfolio;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The PMO's CSV import of people and areas: checked first (every problem by row and column, or what will change), then
/// imported all at once, audited, and refused as stale if anything changed in between. One app for the class: each test
/// works on people and areas of its own.
/// </summary>
public sealed class PeopleImportTests(PeopleImportTests.App app) : IClassFixture<PeopleImportTests.App>
{
    public sealed class App : IAsyncLifetime
    {
        public ReadinessFactory Factory { get; } = new();
        public Browser Pmo { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Pmo = new Browser(Factory.CreateBrowser());
            await Pmo.SignInAsync("pmo@readiness.demo");
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private const string Header = "email,name,role,area,action\n";
    private ReadinessFactory Factory => app.Factory;

    private async Task<(HttpResponseMessage Response, IDocument Page)> CheckAsync(string csv, string fileName = "people.csv")
    {
        var form = await app.Pmo.GetAsync("/Admin/People/Import");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "File", fileName },
        };
        var response = await app.Pmo.Client.PostAsync("/Admin/People/Import", content);
        return (response, await Browser.ParseAsync(response, "/Admin/People/Import"));
    }

    private Task<HttpResponseMessage> ConfirmAsync(IDocument page, Dictionary<string, string>? change = null) =>
        app.Pmo.SubmitAsync(page.Forms.Single(f => (f.GetAttribute("action") ?? "").Contains("handler=Confirm", StringComparison.Ordinal)), change ?? []);

    private static string[] Problems(IDocument page) => page.QuerySelectorAll(".govuk-error-summary li a").Select(a => a.TextContent.Trim()).ToArray();

    private static List<string> Changes(IDocument page, string email) =>
        page.QuerySelectorAll($"[data-testid=changes] tr[data-person='{email}'] li").Select(li => li.TextContent.Trim()).ToList();

    /// <summary>Everything an import could write.</summary>
    private Task<string> SnapshotAsync() => Factory.WithDbAsync(async db => string.Join("|",
        await db.Users.CountAsync(), await db.UserRoles.CountAsync(), await db.AreaMemberships.CountAsync(),
        await db.AuditEntries.CountAsync(), await db.Outbox.CountAsync(), string.Join(",", await db.Users.OrderBy(u => u.Id).Select(u => u.DisplayName).ToListAsync())));

    private Task<List<string>> RolesAsync(string email) => Factory.WithDbAsync(db =>
        (from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id
         where u.Email == email orderby r.Name select r.Name!).ToListAsync());

    private Task<List<string>> AreasAsync(string email) => Factory.WithDbAsync(db =>
        (from u in db.Users join m in db.AreaMemberships on u.Id equals m.UserId join a in db.BusinessAreas on m.BusinessAreaId equals a.Id
         where u.Email == email orderby a.Code, m.Role select m.Role + " " + a.Code).ToListAsync());

    [Fact]
    public async Task A_file_is_checked_first_and_then_imported_all_at_once_inviting_new_people_with_every_change_audited()
    {
        var csv = Header +
                  "nia.lead@met.example,Nia Lead,Team lead,METCC,\n" +
                  "nia.lead@met.example,,BCM,TDIU,\n" +
                  "tl.property@readiness.demo,Sarah Mitchell-Jones,,,\n" +
                  "tl.property@readiness.demo,,Team lead,PROPERTY,remove\n" +
                  "tl.property@readiness.demo,,team lead,case,add\n" +
                  "sro.contact@readiness.demo,,PMO,,\n" +
                  "sro.contact@readiness.demo,,SRO,,\n"; // already so
        var before = await SnapshotAsync();

        var (checkedFile, page) = await CheckAsync(csv, "joiners.csv");

        Assert.Equal(HttpStatusCode.OK, checkedFile.StatusCode);
        Assert.Equal(before, await SnapshotAsync()); // the check writes nothing
        Assert.Equal(["New: invited, and emailed a link to set their password", "Team lead of Met Command and Control (MetCC)", "BCM of Telephone and Digital Investigation Unit (TDIU)"],
            Changes(page, "nia.lead@met.example"));
        Assert.Equal(["Name: Sarah Mitchell → Sarah Mitchell-Jones", "No longer team lead of Property and Exhibits (PROPERTY)", "Team lead of Case and Criminal Justice (CASE)"], Changes(page, "tl.property@readiness.demo"));
        Assert.Equal(["Given the PMO role"], Changes(page, "sro.contact@readiness.demo"));
        Assert.Equal("1 row changes nothing: already so.", page.QuerySelector("[data-testid=unchanged]")!.TextContent.Trim());

        var imported = await ConfirmAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal("/Admin/People", imported.Headers.Location!.OriginalString);
        Assert.Equal(["BCM", "TeamLead"], await RolesAsync("nia.lead@met.example"));
        Assert.Equal(["TeamLead METCC", "Bcm TDIU"], await AreasAsync("nia.lead@met.example"));
        Assert.Equal(["TeamLead CASE"], await AreasAsync("tl.property@readiness.demo"));
        Assert.Equal(["TeamLead"], await RolesAsync("tl.property@readiness.demo")); // moved, not left without the role
        Assert.Equal(["PMO", "SRO"], await RolesAsync("sro.contact@readiness.demo"));
        Assert.True(await Factory.WithDbAsync(db => db.Outbox.AnyAsync(m => m.ToAddress == "nia.lead@met.example" && m.TextBody.Contains("/Account/SetPassword?"))));
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Id).Skip(int.Parse(before.Split('|')[3], System.Globalization.CultureInfo.InvariantCulture))
            .Select(e => e.Action + ": " + e.Summary).ToListAsync());
        Assert.Equal([
            "person.invited: no account → nia.lead@met.example (Nia Lead), roles (no direct role), set-password link emailed (CSV import)",
            "area.member-added: nia.lead@met.example: not TeamLead of METCC → TeamLead of METCC; given the TeamLead role (CSV import)",
            "area.member-added: nia.lead@met.example: not BCM of TDIU → BCM of TDIU; given the BCM role (CSV import)",
            "person.renamed: tl.property@readiness.demo: Sarah Mitchell → Sarah Mitchell-Jones (CSV import)",
            "area.member-added: tl.property@readiness.demo: not TeamLead of CASE → TeamLead of CASE (CSV import)",
            "area.member-removed: tl.property@readiness.demo: TeamLead of PROPERTY → not TeamLead of PROPERTY (CSV import)",
            "person.roles-changed: sro.contact@readiness.demo: SRO → PMO, SRO (CSV import)",
            "people.imported: 7 row(s) of joiners.csv: 1 invited, 2 changed, 7 change(s), 1 row(s) already so",
        ], audit);
    }

    [Fact]
    public async Task A_file_that_is_already_so_changes_nothing_and_offers_no_import()
    {
        var before = await SnapshotAsync();

        var (response, page) = await CheckAsync(Header + "bcm.justice@readiness.demo,,BCM,CUSTODY,\npmo@readiness.demo,Helen Whitaker,PMO,,\nbcm.justice@readiness.demo,,Team lead,METCC,remove\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-testid=nothing-to-change]"));
        Assert.DoesNotContain(page.Forms, f => (f.GetAttribute("action") ?? "").Contains("handler=Confirm", StringComparison.Ordinal));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Removing_a_persons_last_bcm_areas_in_a_file_takes_the_bcm_role_away()
    {
        var (_, page) = await CheckAsync(Header + "bcm.forensics@readiness.demo,,BCM,FS-DIGITAL,remove\nbcm.forensics@readiness.demo,,BCM,FS-RAPID-DRUGS,remove\n");

        Assert.Contains("Loses the BCM role: no BCM area left", Changes(page, "bcm.forensics@readiness.demo"));
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(page)).StatusCode);
        Assert.Empty(await AreasAsync("bcm.forensics@readiness.demo"));
        Assert.Empty(await RolesAsync("bcm.forensics@readiness.demo"));
    }

    [Fact]
    public async Task Every_problem_is_listed_by_row_and_column_and_nothing_is_imported()
    {
        var csv = Header +
                  "not-an-email,Someone,,,\n" +
                  "ok1@met.example,Ok One,Team lead,NOWHERE,\n" +
                  "ok2@met.example,Ok Two,Chief,,\n" +
                  "ok3@met.example,Ok Three,SRO,CUSTODY,\n" +
                  "ok4@met.example,Ok Four,BCM,CUSTODY,maybe\n" +
                  "ok5@met.example,Ok Five,BCM,CUSTODY,\n" +
                  "OK5@met.example,,bcm,custody,\n" +
                  "ok5@met.example,Okay Five,,,\n" +
                  "ok6@met.example,,Team lead,CASE,\n" +
                  "nobody@met.example,Nobody,SRO,,remove\n" +
                  "pmo@readiness.demo,,,,remove\n" +
                  "pmo@readiness.demo,,PMO,,remove\n" +
                  "tl.case@readiness.demo,,Team lead\n";
        var before = await SnapshotAsync();

        var (response, page) = await CheckAsync(csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([
            "Row 2, column email: 'not-an-email' is not an email address like name@example.org.",
            "Row 3, column area: 'NOWHERE' is not a business area code: use a code from Admin → Business areas (such as CUSTODY).",
            "Row 4, column role: 'Chief' is not a role: use Team lead, BCM, SRO or PMO, or leave it empty to add or rename the person only.",
            "Row 5, column area: SRO is not given per area: leave area empty.",
            "Row 6, column action: 'maybe' is not an action: use add or remove (empty means add).",
            "Row 8: repeats row 7: the same person, role and area (whatever the action). Keep one of the two rows.",
            "Row 9, column name: 'Okay Five' is not the name on row 7 ('Ok Five') for the same email address: give one name, or leave it empty on the other rows.",
            "Row 10, column name: ok6@met.example has no account yet: give their full name to invite them.",
            "Row 11, column email: nobody@met.example has no account, so there is nothing to remove.",
            "Row 12, column role: Say which role or area to remove. A file never removes a person: to stop someone signing in, deactivate them on their page.",
            "Row 13, column role: You cannot take the PMO role from yourself: ask another PMO.",
            "Row 14: has 3 values; every row needs 5 (email,name,role,area,action), empty ones included.",
        ], Problems(page));
        Assert.Equal("#File", page.QuerySelector(".govuk-error-summary li a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("[data-testid=nothing-imported]"));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_file_cannot_take_the_SRO_role_from_someone_still_the_SRO_of_open_releases()
    {
        var (sro, codes) = await Factory.WithDbAsync(async db =>
        {
            var owner = await db.Releases.Where(r => r.Status != ReleaseStatus.Closed).OrderBy(r => r.Code).Select(r => r.SroUserId).FirstAsync();
            var person = await db.Users.Where(u => u.Id == owner).Select(u => new { u.Email, u.DisplayName }).SingleAsync();
            var owned = await db.Releases.Where(r => r.SroUserId == owner && r.Status != ReleaseStatus.Closed).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync();
            return ((person.Email!, person.DisplayName), owned);
        });
        var before = await SnapshotAsync();

        var (response, page) = await CheckAsync(Header + "new.person@met.example,New Person,SRO,,\n" + $"{sro.Item1},,SRO,,remove\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var those = codes.Count == 1 ? "that release" : "those releases";
        Assert.Equal([$"Row 3, column role: {sro.Item2} is the SRO of {string.Join(", ", codes)}: give {those} another SRO first (Administration → the release), then remove the role."],
            Problems(page));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("name,email,role,area\nAda,ada@met.example,,\n", "Row 1: The header must be email,name,role,area,action")]
    [InlineData("ada@met.example,Ada,,,\n", "Row 1: The header must be email,name,role,area,action")]
    [InlineData("", "Choose a CSV file to upload.")]
    [InlineData("\uFEFF\n", "The file is empty.")]
    [InlineData("email,name,role,area,action\n", "The file has a header but no rows")]
    [InlineData("email,name,role,area,action\n\"ada@met.example,Ada,,,\n", "the file is not valid CSV here")]
    public async Task A_file_without_the_header_or_rows_or_not_csv_is_refused(string csv, string problem)
    {
        var before = await SnapshotAsync();

        var (response, page) = await CheckAsync(csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Problems(page), p => p.Contains(problem, StringComparison.Ordinal));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_header_in_other_letter_case_without_the_action_column_and_a_byte_order_mark_is_read()
    {
        var (response, page) = await CheckAsync("\uFEFFEmail, Name ,ROLE,Area\nsro.connect@readiness.demo,,SRO,\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-testid=nothing-to-change]"));
    }

    [Fact]
    public async Task A_file_of_more_than_5000_rows_is_refused()
    {
        var csv = Header + string.Concat(Enumerable.Range(0, PeopleImport.MaxRows + 1).Select(i => $"p{i}@met.example,Person {i},,,\n"));

        var (_, page) = await CheckAsync(csv);

        Assert.Equal(["The file has more than 5,000 rows. Split it into smaller files and import them one after another."], Problems(page));
    }

    [Fact]
    public async Task A_file_over_1_MB_gets_the_too_large_page_and_nothing_is_written()
    {
        var before = await SnapshotAsync();

        var (response, page) = await CheckAsync(Header + new string('x', PeopleImport.MaxBytes + 10));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("That was too large to take", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_change_made_after_the_check_makes_the_import_stale_showing_what_it_would_do_now()
    {
        var csv = Header + "bcm.enabling@readiness.demo,,BCM,LRT,\nbcm.enabling@readiness.demo,,BCM,L-D,remove\n";
        var (_, page) = await CheckAsync(csv);
        // Meanwhile another PMO removes the L-D membership on the area page.
        var other = new Browser(Factory.CreateBrowser());
        await other.SignInAsync("pmo.analyst@readiness.demo");
        var area = await other.GetAsync("/Admin/Areas/L-D");
        var membership = await Factory.WithDbAsync(db => (from m in db.AreaMemberships join u in db.Users on m.UserId equals u.Id join a in db.BusinessAreas on m.BusinessAreaId equals a.Id
                                                         where u.Email == "bcm.enabling@readiness.demo" && a.Code == "L-D" select m.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await other.SubmitAsync(area.Forms.Single(f => (f.Action ?? "").Contains($"id={membership}", StringComparison.Ordinal)), [])).StatusCode);
        var before = await SnapshotAsync();

        var stale = await ConfirmAsync(page);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var now = await Browser.ParseAsync(stale, "/Admin/People/Import");
        Assert.Contains("changed by someone else since you checked it, so nothing was imported", now.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["BCM of Local Resolution Teams (LRT)"], Changes(now, "bcm.enabling@readiness.demo")); // the removal is already done
        Assert.Equal(before, await SnapshotAsync());

        var tampered = await ConfirmAsync(now, new() { ["Csv"] = Header + "bcm.enabling@readiness.demo,,PMO,,\n" });
        Assert.Equal(HttpStatusCode.Conflict, tampered.StatusCode); // a file changed in the form is not what was checked
        Assert.Equal(before, await SnapshotAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(now)).StatusCode);
        Assert.Contains("Bcm LRT", await AreasAsync("bcm.enabling@readiness.demo"));
    }

    [Fact]
    public async Task With_only_the_organisations_sign_in_new_people_are_made_ready_without_an_email()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<PeopleImport>();
        var pmoId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "pmo@readiness.demo").Select(u => u.Id).SingleAsync());
        var actor = new Actor(pmoId, new HashSet<string> { Roles.Pmo });
        const string csv = Header + "oidc.only@met.example,Olu Okafor,BCM,METCC,\n";
        var mails = await Factory.WithDbAsync(db => db.Outbox.CountAsync());

        var preview = (await import.PreviewAsync(actor, csv, withPasswordLink: false, CancellationToken.None)).Value!;
        var done = await import.ImportAsync(actor, csv, preview.Stamp, withPasswordLink: false, "sso.csv", new RequestOrigin("127.0.0.1", "test"), CancellationToken.None);

        Assert.Equal("New: invited, signs in with the organisation's account", preview.People.Single().Changes[0]);
        Assert.True(done.Succeeded);
        Assert.Equal(["BCM"], await RolesAsync("oidc.only@met.example"));
        Assert.Equal(mails, await Factory.WithDbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task The_template_downloads_as_csv_that_is_never_cached_and_checks_as_the_example_says()
    {
        var response = await app.Pmo.GetRawAsync("/Admin/People/Import?handler=Template");
        var records = CsvRecords.Read(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal(["a.new.person@example.org", "Alex Morgan", "", "", ""], records[0].Values.ToList());
        Assert.Equal(5, records.Count);
    }

    [Fact]
    public async Task Only_the_pmo_can_import()
    {
        var bcm = new Browser(Factory.CreateBrowser());
        await bcm.SignInAsync("bcm.central@readiness.demo");

        var response = await bcm.GetRawAsync("/Admin/People/Import");

        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
