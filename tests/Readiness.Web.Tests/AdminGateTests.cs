using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Portfolio;
using Readiness.Core.Reminders;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The PMO changes a gate's kind and removes a gate through the real pages: only while nothing has started on the gate,
/// with a confirmation for removal, audited, stale-safe and PMO only. IF-DATA-OFFICE starts with three untouched
/// readiness returns (demo activity is off in tests).
/// </summary>
public sealed class AdminGateTests : IDisposable
{
    private const string Pmo = "pmo@readiness.demo";
    private const string Release = "IF-DATA-OFFICE";
    private const string GatesUrl = "/Admin/Releases/" + Release + "/Gates";
    private readonly ReadinessFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<Browser> SignedInAsync(string email)
    {
        var browser = new Browser(_app.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    private static IHtmlFormElement AdminForm(IDocument page) => (IHtmlFormElement)page.QuerySelector("form#admin-form")!;

    private Task<int> GateIdAsync(GateKind kind) =>
        _app.WithDbAsync(db => db.Gates.Where(g => g.Release!.Code == Release && g.Kind == kind).Select(g => g.Id).SingleAsync());

    private Task<List<GateKind>> KindsAsync() =>
        _app.WithDbAsync(db => db.Gates.Where(g => g.Release!.Code == Release).OrderBy(g => g.Id).Select(g => g.Kind).ToListAsync());

    private Task<int> ReturnsOfAsync(int gateId) => _app.WithDbAsync(db => db.Assessments.CountAsync(a => a.GateId == gateId));

    private Task<List<string>> AuditAsync(string action) =>
        _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == action).OrderBy(e => e.ChainIndex).Select(e => e.Summary).ToListAsync());

    private Task<int> AuditCountAsync() => _app.WithDbAsync(db => db.AuditEntries.CountAsync());

    private static async Task<HttpResponseMessage> ChangeKindAsync(Browser pmo, int gateId, GateKind kind) =>
        await pmo.SubmitAsync(AdminForm(await pmo.GetAsync($"{GatesUrl}?edit={gateId}")), new() { ["Gate.Kind"] = kind.ToString() });

    private static string RemoveUrl(int gateId) => $"{GatesUrl}/{gateId}/Remove";

    /// <summary>The team lead of an area answers every criterion of the IF-DATA-OFFICE return and, if asked, submits it.</summary>
    private async Task StartReturnAsync(string lead, string area, bool submit)
    {
        var browser = await SignedInAsync(lead);
        var driver = new ReturnDriver(_app, browser);
        var id = await driver.ReturnIdAsync(Release, area);
        var goLive = await _app.WithDbAsync(db => db.Releases.Where(r => r.Code == Release).Select(r => r.GoLive).SingleAsync());
        if (!submit)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await driver.AnswerSectionAsync(id, 1, c => (ReturnDriver.PassingValue(c, goLive), ReturnDriver.Evidence, ""))).StatusCode);
            return;
        }
        await driver.AnswerAllPassingAsync(id, goLive);
        Assert.Equal(HttpStatusCode.Redirect, (await driver.SubmitAsync(id)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_kind_of_an_untouched_gate_saves_it_keeps_returns_consistent_and_is_audited()
    {
        var pmo = await SignedInAsync(Pmo);
        var readiness = await GateIdAsync(GateKind.Readiness);
        var goNoGo = await GateIdAsync(GateKind.GoNoGo);
        Assert.Equal(3, await ReturnsOfAsync(readiness));

        // One gate of each kind per release: taking a kind the release already has is refused on the field.
        var taken = await Browser.ParseAsync(await ChangeKindAsync(pmo, readiness, GateKind.GoNoGo), GatesUrl);
        Assert.Contains("already has a GoNoGo gate", taken.QuerySelector(".govuk-error-summary a[href='#Gate_Kind']")!.TextContent, StringComparison.Ordinal);

        // Every kind is taken, so the review gate goes first (untouched, it may); the go / no-go gate becomes the review
        // gate, then the readiness gate becomes the go / no-go gate: its untouched returns and its template go.
        var review = await GateIdAsync(GateKind.PostGoLiveReview);
        var confirm = AdminForm(await pmo.GetAsync(RemoveUrl(review)));
        Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(confirm, new() { ["Confirm"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeKindAsync(pmo, goNoGo, GateKind.PostGoLiveReview)).StatusCode);
        await _app.WithDbAsync(async db =>
        {
            var id = await db.Assessments.Where(a => a.GateId == readiness).Select(a => a.Id).FirstAsync();
            var lead = await db.Users.Where(u => u.Email == "tl.dataoffice@readiness.demo").Select(u => u.Id).SingleAsync();
            db.ReminderLogs.Add(new ReminderLog(lead, ReminderSweep.ReturnItem, id, new DateOnly(2026, 3, 2), 0, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeKindAsync(pmo, readiness, GateKind.GoNoGo)).StatusCode);
        var gate = await _app.WithDbAsync(db => db.Gates.AsNoTracking().SingleAsync(g => g.Id == readiness));
        Assert.Equal(GateKind.GoNoGo, gate.Kind);
        Assert.Null(gate.TemplateId);
        Assert.Equal(0, await ReturnsOfAsync(readiness));
        Assert.False(await _app.WithDbAsync(db => db.ReminderLogs.AnyAsync(l => l.ItemKind == ReminderSweep.ReturnItem && !db.Assessments.Any(a => a.Id == l.ItemId))));

        // And back: a readiness gate gets the readiness template and a return for each impacted area again.
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeKindAsync(pmo, goNoGo, GateKind.Readiness)).StatusCode);
        Assert.NotNull(await _app.WithDbAsync(db => db.Gates.Where(g => g.Id == goNoGo).Select(g => g.TemplateId).SingleAsync()));
        Assert.Equal(3, await ReturnsOfAsync(goNoGo));

        var lines = await AuditAsync("gate.kind-changed");
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("Readiness: Business readiness", lines[1], StringComparison.Ordinal);
        Assert.Contains("→ GoNoGo:", lines[1], StringComparison.Ordinal);
        Assert.Contains("3 untouched returns", lines[1], StringComparison.Ordinal);
        Assert.Contains("3 return(s) created", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kind_of_a_gate_with_a_submitted_return_cannot_change_and_nothing_changes()
    {
        await StartReturnAsync("tl.dataoffice@readiness.demo", "DATA-OFFICE", submit: true);
        var pmo = await SignedInAsync(Pmo);
        var readiness = await GateIdAsync(GateKind.Readiness);
        var kinds = await KindsAsync();
        var audit = await AuditCountAsync();

        var page = await Browser.ParseAsync(await ChangeKindAsync(pmo, readiness, GateKind.PostGoLiveReview), GatesUrl);
        var error = page.QuerySelector(".govuk-error-summary a[href='#Gate_Kind']")!.TextContent;
        Assert.Contains("IF-DATA-OFFICE Business readiness gate already has 1 submitted return", error, StringComparison.Ordinal);
        Assert.Contains("kind cannot change", error, StringComparison.Ordinal);
        Assert.Equal(kinds, await KindsAsync());
        Assert.Equal(3, await ReturnsOfAsync(readiness));
        Assert.Equal(audit, await AuditCountAsync());
    }

    [Fact]
    public async Task The_edit_form_of_a_started_gate_shows_its_kind_locked_with_the_reason_and_still_saves_other_changes()
    {
        await StartReturnAsync("tl.dataoffice@readiness.demo", "DATA-OFFICE", submit: true);
        var pmo = await SignedInAsync(Pmo);
        var readiness = await GateIdAsync(GateKind.Readiness);

        var form = await pmo.GetAsync($"{GatesUrl}?edit={readiness}");
        var kind = (IHtmlSelectElement)form.QuerySelector("#Gate_Kind")!;
        Assert.True(kind.IsDisabled);
        var reason = form.QuerySelector("#kind-hint")!.TextContent;
        Assert.Contains("IF-DATA-OFFICE Business readiness gate already has 1 submitted return", reason, StringComparison.Ordinal);
        Assert.EndsWith("its kind cannot change. Add a new gate of the kind you need instead.", reason, StringComparison.Ordinal);

        var saved = await pmo.SubmitAsync(AdminForm(form), new() { ["Gate.Name"] = "Business readiness (renamed)" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(GateKind.Readiness, await _app.WithDbAsync(db => db.Gates.Where(g => g.Id == readiness).Select(g => g.Kind).SingleAsync()));
        Assert.Equal("Business readiness (renamed)", await _app.WithDbAsync(db => db.Gates.Where(g => g.Id == readiness).Select(g => g.Name).SingleAsync()));
    }

    [Fact]
    public async Task Removing_an_untouched_gate_after_confirming_removes_it_and_its_returns_without_orphans()
    {
        var pmo = await SignedInAsync(Pmo);
        var readiness = await GateIdAsync(GateKind.Readiness);
        var returnIds = await _app.WithDbAsync(db => db.Assessments.Where(a => a.GateId == readiness).Select(a => a.Id).ToListAsync());
        await _app.WithDbAsync(async db =>
        {
            var lead = await db.Users.Where(u => u.Email == "tl.dataoffice@readiness.demo").Select(u => u.Id).SingleAsync();
            db.ReminderLogs.Add(new ReminderLog(lead, ReminderSweep.ReturnItem, returnIds[0], new DateOnly(2026, 3, 2), 0, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var audit = await AuditCountAsync();

        // Looking at the confirm page changes nothing, and it says what would go.
        var confirm = await pmo.GetAsync(RemoveUrl(readiness));
        Assert.Equal(3, confirm.QuerySelectorAll("ul[data-returns] li").Length);
        Assert.NotNull(confirm.QuerySelector("label[for='Confirm']"));
        Assert.Equal(3, (await KindsAsync()).Count);
        Assert.Equal(audit, await AuditCountAsync());

        // Not ticking the box is refused on the box.
        var unticked = await Browser.ParseAsync(await pmo.SubmitAsync(AdminForm(confirm), []), RemoveUrl(readiness));
        Assert.NotNull(unticked.QuerySelector(".govuk-error-summary a[href='#Confirm']"));
        Assert.Equal(3, (await KindsAsync()).Count);

        var done = await pmo.SubmitAsync(AdminForm(confirm), new() { ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal([GateKind.GoNoGo, GateKind.PostGoLiveReview], await KindsAsync());
        Assert.False(await _app.WithDbAsync(db => db.Assessments.AnyAsync(a => returnIds.Contains(a.Id) || a.GateId == readiness)));
        Assert.False(await _app.WithDbAsync(db => db.ReminderLogs.AnyAsync(l => l.ItemKind == ReminderSweep.ReturnItem && returnIds.Contains(l.ItemId))));
        var line = Assert.Single(await AuditAsync("gate.removed"));
        Assert.Contains("Readiness: Business readiness", line, StringComparison.Ordinal);
        Assert.Contains("3 untouched returns", line, StringComparison.Ordinal);
        Assert.DoesNotContain((await pmo.GetAsync(GatesUrl)).QuerySelectorAll("tr[data-gate]"), r => r.GetAttribute("data-gate") == "Readiness");

        // The same confirmation again is stale: the gate is gone, and the page says so.
        var again = await Browser.ParseAsync(await pmo.SubmitAsync(AdminForm(confirm), new() { ["Confirm"] = "true" }), RemoveUrl(readiness));
        Assert.Contains("changed by someone else", again.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await AuditAsync("gate.removed"));
    }

    [Fact]
    public async Task A_gate_with_a_submitted_return_or_an_answered_draft_cannot_be_removed_and_nothing_changes()
    {
        var pmo = await SignedInAsync(Pmo);
        var readiness = await GateIdAsync(GateKind.Readiness);
        var confirm = await pmo.GetAsync(RemoveUrl(readiness)); // opened while nothing had started
        await StartReturnAsync("tl.dataoffice@readiness.demo", "DATA-OFFICE", submit: true);
        await StartReturnAsync("tl.intel@readiness.demo", "INTEL", submit: false);
        var audit = await AuditCountAsync();

        var refused = await Browser.ParseAsync(await pmo.SubmitAsync(AdminForm(confirm), new() { ["Confirm"] = "true" }), RemoveUrl(readiness));
        var message = refused.QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.Contains("already has 1 submitted return", message, StringComparison.Ordinal);
        Assert.Contains("1 draft return with answers (Intelligence, last saved by Victoria Lane)", message, StringComparison.Ordinal);
        Assert.Contains("cannot be removed", message, StringComparison.Ordinal);
        Assert.Null(refused.QuerySelector("form#admin-form"));
        Assert.Equal(3, (await KindsAsync()).Count);
        Assert.Equal(3, await ReturnsOfAsync(readiness));
        Assert.Equal(audit, await AuditCountAsync());

        // Opened now, the page explains why and offers no removal.
        var page = await pmo.GetAsync(RemoveUrl(readiness));
        Assert.Contains("cannot be removed", page.QuerySelector("[data-refusal]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form#admin-form"));

        // The go / no-go gate is decided on those returns, so it has started too.
        var goNoGo = await pmo.GetAsync(RemoveUrl(await GateIdAsync(GateKind.GoNoGo)));
        Assert.Contains("1 submitted readiness return to decide on", goNoGo.QuerySelector("[data-refusal]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_not_in_the_PMO_can_neither_see_nor_use_the_gate_changes()
    {
        var sro = await SignedInAsync("sro.connect@readiness.demo");
        var readiness = await GateIdAsync(GateKind.Readiness);
        var audit = await AuditCountAsync();
        var get = await sro.GetRawAsync(RemoveUrl(readiness));
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Contains("AccessDenied", get.Headers.Location!.ToString(), StringComparison.Ordinal);

        // A valid antiforgery token of their own (from the sign-out form) does not get them past the PMO role.
        var token = (await sro.GetAsync("/Releases")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var remove = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Confirm"] = "true", ["Stamp"] = "x" });
        var post = await sro.Client.PostAsync(RemoveUrl(readiness), remove);
        Assert.Contains("AccessDenied", post.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var change = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Gate.Kind"] = "PostGoLiveReview", ["Gate.Name"] = "x", ["Gate.OffsetDays"] = "-28", ["Stamp"] = "x",
        });
        Assert.Contains("AccessDenied", (await sro.Client.PostAsync($"{GatesUrl}?edit={readiness}", change)).Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, (await KindsAsync()).Count);
        Assert.Equal(audit, await AuditCountAsync());
    }

    [Fact]
    public async Task A_stale_kind_change_or_removal_is_refused_as_changed_by_someone_else()
    {
        var first = await SignedInAsync(Pmo);
        var second = await SignedInAsync(Pmo);
        var pglr = await GateIdAsync(GateKind.PostGoLiveReview);
        var goNoGo = await GateIdAsync(GateKind.GoNoGo);
        var edit = AdminForm(await second.GetAsync($"{GatesUrl}?edit={goNoGo}"));
        var confirm = AdminForm(await second.GetAsync(RemoveUrl(pglr)));

        // Meanwhile the first PMO removes the review gate (freeing its kind) and renames the go / no-go gate.
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(AdminForm(await first.GetAsync(RemoveUrl(pglr))), new() { ["Confirm"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(AdminForm(await first.GetAsync($"{GatesUrl}?edit={goNoGo}")), new() { ["Gate.Name"] = "SRO decision" })).StatusCode);
        var audit = await AuditCountAsync();

        var stale = await Browser.ParseAsync(await second.SubmitAsync(edit, new() { ["Gate.Kind"] = "PostGoLiveReview" }), GatesUrl);
        Assert.Contains("changed by someone else", stale.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("SRO decision", stale.QuerySelector("input#Gate_Name")!.GetAttribute("value"));
        Assert.Equal(GateKind.GoNoGo, await _app.WithDbAsync(db => db.Gates.Where(g => g.Id == goNoGo).Select(g => g.Kind).SingleAsync()));

        var gone = await Browser.ParseAsync(await second.SubmitAsync(confirm, new() { ["Confirm"] = "true" }), RemoveUrl(pglr));
        Assert.Contains("changed by someone else", gone.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(audit, await AuditCountAsync());
        Assert.Equal([GateKind.Readiness, GateKind.GoNoGo], await KindsAsync());
    }
}
