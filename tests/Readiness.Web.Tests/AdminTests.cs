using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>The PMO's administration through its real pages: validated, audited, stale-safe, PMO only.</summary>
public sealed class AdminTests : IDisposable
{
    private const string Pmo = "pmo@readiness.demo";
    private readonly ReadinessFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<Browser> PmoAsync()
    {
        var browser = new Browser(_app.CreateBrowser());
        await browser.SignInAsync(Pmo);
        return browser;
    }

    private static IHtmlFormElement AdminForm(IDocument page) => (IHtmlFormElement)page.QuerySelector("form#admin-form")!;

    private static async Task<IDocument> PostAsync(Browser browser, string url, Dictionary<string, string> values)
    {
        var page = await browser.GetAsync(url);
        var response = await browser.SubmitAsync(AdminForm(page), values);
        return await Browser.ParseAsync(response, url);
    }

    private Task<List<string>> AuditActionsAsync() => _app.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.ChainIndex).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task Pmo_creates_a_release_gate_and_impact_and_the_return_appears_for_the_areas_team_lead()
    {
        var pmo = await PmoAsync();
        var sro = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == "sro.connect@readiness.demo").Select(u => u.Id).SingleAsync());
        var created = await pmo.SubmitAsync(AdminForm(await pmo.GetAsync("/Admin/Releases")), new()
        {
            ["Code"] = "TEST-R1", ["Name"] = "Test release", ["Description"] = "Made by the PMO", ["GoLive"] = "2026-05-20", ["SroUserId"] = sro, ["Status"] = "InReadiness",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await PostAsync(pmo, "/Admin/Releases/TEST-R1/Gates", new() { ["Gate.Kind"] = "Readiness", ["Gate.Name"] = "Business readiness", ["Gate.OffsetDays"] = "-28" });
        await PostAsync(pmo, "/Admin/Releases/TEST-R1/Impacts", new()
        {
            ["Impact.AreaCode"] = "TDIU", ["Impact.Headcount"] = "120", ["Impact.Level"] = "High", ["Impact.TrainingHoursPerPerson"] = "6", ["Impact.HypercareWeeks"] = "2",
        });

        var lead = new Browser(_app.CreateBrowser());
        await lead.SignInAsync("tl.tdiu@readiness.demo");
        var work = await lead.GetAsync("/Assessments");
        Assert.Contains(work.QuerySelectorAll("td"), td => td.TextContent.Contains("TEST-R1", StringComparison.Ordinal));
        var actions = await AuditActionsAsync();
        Assert.Contains("release.created", actions);
        Assert.Contains("gate.added", actions);
        Assert.Contains("impact.added", actions);
    }

    [Fact]
    public async Task Moving_T0_moves_every_gate_and_is_audited_before_and_after()
    {
        var pmo = await PmoAsync();
        var before = await _app.WithDbAsync(db => db.Releases.Where(r => r.Code == "CONNECT-P1").Select(r => r.GoLive).SingleAsync());
        var moved = before.AddDays(14);
        var response = await pmo.SubmitAsync(AdminForm(await pmo.GetAsync("/Admin/Releases/CONNECT-P1")), new() { ["GoLive"] = moved.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var gates = await pmo.GetAsync("/Admin/Releases/CONNECT-P1/Gates");
        Assert.Equal(moved.AddDays(-28).ToString("yyyy-MM-dd"), gates.QuerySelector("tr[data-gate='Readiness'] td[data-due]")!.GetAttribute("data-due"));
        Assert.Equal(moved.AddDays(-7).ToString("yyyy-MM-dd"), gates.QuerySelector("tr[data-gate='GoNoGo'] td[data-due]")!.GetAttribute("data-due"));
        var summary = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "release.rescheduled").Select(e => e.Summary).SingleAsync());
        Assert.Contains($"T0 {before:yyyy-MM-dd}", summary, StringComparison.Ordinal);
        Assert.Contains($"→", summary, StringComparison.Ordinal);
        Assert.Contains($"T0 {moved:yyyy-MM-dd}", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_edit_changes_nothing_and_links_the_error_to_its_field()
    {
        var pmo = await PmoAsync();
        var audit = (await AuditActionsAsync()).Count;
        var page = await PostAsync(pmo, "/Admin/Releases/CONNECT-P1", new() { ["Name"] = "", ["GoLive"] = "2027-01-01" });
        var link = page.QuerySelector(".govuk-error-summary a[href='#Name']");
        Assert.NotNull(link);
        Assert.NotNull(page.QuerySelector("input#Name"));
        var release = await _app.WithDbAsync(db => db.Releases.SingleAsync(r => r.Code == "CONNECT-P1"));
        Assert.StartsWith("CONNECT Phase 1", release.Name, StringComparison.Ordinal);
        Assert.NotEqual(new DateOnly(2027, 1, 1), release.GoLive);
        Assert.Equal(audit, (await AuditActionsAsync()).Count);

        var impact = await PostAsync(pmo, "/Admin/Releases/CONNECT-P1/Impacts", new() { ["Impact.AreaCode"] = "FLEET", ["Impact.Headcount"] = "0" });
        Assert.NotNull(impact.QuerySelector(".govuk-error-summary a[href='#Impact_Headcount']"));
        Assert.False(await _app.WithDbAsync(db => db.Impacts.AnyAsync(i => i.BusinessArea!.Code == "FLEET")));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_as_changed_by_someone_else()
    {
        var first = await PmoAsync();
        var second = await PmoAsync();
        var formA = AdminForm(await first.GetAsync("/Admin/Releases/CONNECT-P1"));
        var formB = AdminForm(await second.GetAsync("/Admin/Releases/CONNECT-P1"));
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(formA, new() { ["Name"] = "Renamed by A" })).StatusCode);
        var page = await Browser.ParseAsync(await second.SubmitAsync(formB, new() { ["Name"] = "Renamed by B" }), "/Admin/Releases/CONNECT-P1");
        Assert.Contains("changed by someone else", page.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Renamed by A", await _app.WithDbAsync(db => db.Releases.Where(r => r.Code == "CONNECT-P1").Select(r => r.Name).SingleAsync()));
    }

    [Fact]
    public async Task An_area_cannot_move_under_its_own_descendant()
    {
        var pmo = await PmoAsync();
        var page = await PostAsync(pmo, "/Admin/Areas/FLP", new() { ["Area.ParentCode"] = "CUSTODY" });
        Assert.NotNull(page.QuerySelector(".govuk-error-summary a[href='#Area_ParentCode']"));
        Assert.Null(await _app.WithDbAsync(db => db.BusinessAreas.Where(a => a.Code == "FLP").Select(a => a.ParentId).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(AdminForm(await pmo.GetAsync("/Admin/Areas/FLEET")), new() { ["Area.ParentCode"] = "CJ" })).StatusCode);
        var parent = await _app.WithDbAsync(db => db.BusinessAreas.Where(a => a.Code == "FLEET").Select(a => a.Parent!.Code).SingleAsync());
        Assert.Equal("CJ", parent);
    }

    [Fact]
    public async Task Assigning_a_team_lead_gives_the_role_and_is_audited()
    {
        var pmo = await PmoAsync();
        var page = await pmo.GetAsync("/Admin/Areas/FLEET");
        var form = page.Forms.Single(f => f.QuerySelector("#Member_UserEmail") is not null);
        var response = await pmo.SubmitAsync(form, new() { ["Member.UserEmail"] = "sro.online@readiness.demo", ["Member.Role"] = "TeamLead" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var lead = new Browser(_app.CreateBrowser());
        await lead.SignInAsync("sro.online@readiness.demo");
        Assert.Equal(HttpStatusCode.OK, (await lead.GetRawAsync("/Assessments")).StatusCode);
        Assert.Contains("area.member-added", await AuditActionsAsync());
    }

    [Fact]
    public async Task Someone_not_in_the_PMO_is_refused()
    {
        var lead = new Browser(_app.CreateBrowser());
        await lead.SignInAsync("sro.connect@readiness.demo");
        foreach (var url in new[] { "/Admin", "/Admin/Releases/CONNECT-P1", "/Admin/Templates" })
        {
            var response = await lead.GetRawAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain((await lead.GetAsync("/Releases")).QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/Admin");
    }

    [Fact]
    public async Task Publishing_template_v2_leaves_existing_returns_on_v1_and_new_returns_use_v2()
    {
        var pmo = await PmoAsync();
        var v1 = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "seed-data", "templates", "business-readiness.v1.json")))!;
        v1["version"] = 2;
        v1["name"] = "Business readiness (2027)";
        var page = await pmo.GetAsync("/Admin/Templates");
        var token = page.QuerySelector("form#admin-form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(v1.ToJsonString()), "Upload", "business-readiness.v2.json" },
        };
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.Client.PostAsync("/Admin/Templates", content)).StatusCode);

        var versions = await _app.WithDbAsync(db => db.Assessments.Select(a => db.Templates.Where(t => t.Id == a.TemplateId).Select(t => t.Version).First()).Distinct().ToListAsync());
        Assert.Equal([1], versions);
        await PostAsync(pmo, "/Admin/Releases/CONNECT-P1/Impacts", new()
        {
            ["Impact.AreaCode"] = "TDIU", ["Impact.Headcount"] = "50", ["Impact.Level"] = "Low", ["Impact.TrainingHoursPerPerson"] = "1", ["Impact.HypercareWeeks"] = "0",
        });
        var added = await _app.WithDbAsync(async db =>
        {
            var release = await db.Releases.Where(r => r.Code == "CONNECT-P1").Select(r => r.Id).SingleAsync();
            var area = await db.BusinessAreas.Where(b => b.Code == "TDIU").Select(b => b.Id).SingleAsync();
            var templateId = await db.Assessments.Where(a => a.ReleaseId == release && a.BusinessAreaId == area).Select(a => a.TemplateId).SingleAsync();
            return await db.Templates.Where(t => t.Id == templateId).Select(t => t.Version).SingleAsync();
        });
        Assert.Equal(2, added);
        Assert.Contains("template.published", await AuditActionsAsync());

        v1["sections"]![0]!["criteria"]![0]!["weight"] = 9;
        v1["version"] = 3;
        page = await pmo.GetAsync("/Admin/Templates");
        token = page.QuerySelector("form#admin-form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var bad = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(v1.ToJsonString()), "Upload", "bad.json" },
        };
        var refused = await Browser.ParseAsync(await pmo.Client.PostAsync("/Admin/Templates", bad), "/Admin/Templates");
        Assert.Contains("$.sections[0].criteria[0].weight", refused.QuerySelector(".govuk-error-summary a[href='#Upload']")!.TextContent, StringComparison.Ordinal);
        Assert.False(await _app.WithDbAsync(db => db.Templates.AnyAsync(t => t.Version == 3)));
    }

    [Fact]
    public async Task Removing_an_impact_with_an_unstarted_return_removes_both_and_is_audited()
    {
        var pmo = await PmoAsync();
        var page = await pmo.GetAsync("/Admin/Releases/IF-DATA-OFFICE/Impacts");
        var remove = page.Forms.Single(f => f.Action.Contains("handler=Remove", StringComparison.Ordinal) && f.ParentElement!.ParentElement!.GetAttribute("data-impact") == "DIGITAL-SD");
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(remove, [])).StatusCode);
        var left = await _app.WithDbAsync(db => db.Impacts.CountAsync(i => i.Release!.Code == "IF-DATA-OFFICE" && i.BusinessArea!.Code == "DIGITAL-SD"));
        Assert.Equal(0, left);
        var returns = await _app.WithDbAsync(async db =>
        {
            var release = await db.Releases.Where(r => r.Code == "IF-DATA-OFFICE").Select(r => r.Id).SingleAsync();
            var area = await db.BusinessAreas.Where(b => b.Code == "DIGITAL-SD").Select(b => b.Id).SingleAsync();
            return await db.Assessments.CountAsync(a => a.ReleaseId == release && a.BusinessAreaId == area);
        });
        Assert.Equal(0, returns);
        Assert.Contains("impact.removed", await AuditActionsAsync());

        // The same (now stale) remove form again changes nothing more and says why.
        var again = await Browser.ParseAsync(await pmo.SubmitAsync(remove, []), "/Admin/Releases/IF-DATA-OFFICE/Impacts");
        Assert.NotNull(again.QuerySelector(".govuk-error-summary"));
    }
}
