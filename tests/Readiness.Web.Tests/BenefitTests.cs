using System.Net;
using System.Text;
using AngleSharp.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Benefits;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The benefits register (issue 10, point 3): everyone signed in reads it, the PMO and the owning BCM change it, every
/// change is audited, a stale edit is refused, and measurements come by hand or from a CSV file, all or nothing.
/// </summary>
public sealed class BenefitTests : IAsyncLifetime
{
    private const string Pmo = "pmo@readiness.demo";
    private const string Owner = "bcm.contact@readiness.demo"; // owns the seeded THRIVE and online benefits
    private ReadinessFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ReadinessFactory();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<Browser> SignedInAsync(string email)
    {
        var browser = new Browser(_factory.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    private Task<int> IdOfAsync(string code) => _factory.WithDbAsync(db => db.Benefits.Where(b => b.Code == code).Select(b => b.Id).SingleAsync());

    private static string Status(IDocument page, string code) => page.QuerySelector($"tr[data-benefit={code}] [data-testid=status]")!.TextContent.Trim();

    private static string[] Problems(IDocument page) => page.QuerySelectorAll(".govuk-error-summary li a").Select(a => a.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Everyone_reads_the_portfolio_with_statuses_by_the_rule_shown_and_the_release_tab_counts_indicator_readings()
    {
        var lead = await SignedInAsync("tl.tdiu@readiness.demo");

        var page = await lead.GetAsync("/Benefits");

        Assert.Contains("At risk", Status(page, "THRIVE-TDIU-SHARE"), StringComparison.Ordinal);
        Assert.Contains("Off track", Status(page, "THRIVE-101-WAIT"), StringComparison.Ordinal);
        Assert.Contains("On track", Status(page, "FS-RAPID-SPEND"), StringComparison.Ordinal);
        Assert.Contains("Not started", Status(page, "ONLINE-REPORTING-SHARE"), StringComparison.Ordinal);
        Assert.Contains("at least 90% of the improvement", page.QuerySelector("[data-testid=status-rule]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=cashable] tr[data-programme=CONNECT]"));
        Assert.Null(page.QuerySelector("a[href='/Benefits/Edit']")); // a team lead reads, but does not add

        var tab = await lead.GetAsync("/Releases/THRIVE-BCU/Benefits");
        var wait = tab.QuerySelector("[data-benefit=THRIVE-101-WAIT]")!;
        Assert.NotNull(wait.QuerySelector("canvas[data-benefit-chart]"));
        Assert.Contains("Lead indicator", wait.QuerySelector("[data-testid=benefit-values-THRIVE-101-WAIT]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_exports_hold_every_benefit_and_the_cashable_totals_and_are_never_cached()
    {
        var pmo = await SignedInAsync(Pmo);

        var csv = await pmo.Client.GetAsync("/Benefits?handler=Csv");
        var excel = await pmo.Client.GetAsync("/Benefits?handler=Excel&Programme=FORENSICS");

        Assert.Equal("no-store", csv.Headers.CacheControl!.ToString());
        var rows = CsvRecords.Read(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal(await _factory.WithDbAsync(db => db.Benefits.CountAsync()), rows.Count);
        Assert.Contains(rows, r => r["Code"] == "THRIVE-TDIU-SHARE" && r["Status"] == "At risk");
        using var workbook = new XLWorkbook(new MemoryStream(await excel.Content.ReadAsByteArrayAsync()));
        Assert.Equal("FS-RAPID-SPEND", workbook.Worksheet("Benefits").Cell(2, 2).GetString());
        Assert.Equal("Forensic Services Modernisation", workbook.Worksheet("Cashable by year").Cell(2, 1).GetString());
    }

    [Fact]
    public async Task The_pmo_adds_the_owner_changes_others_are_turned_away_every_change_is_audited_and_a_stale_edit_is_refused()
    {
        var pmo = await SignedInAsync(Pmo);
        var form = await pmo.GetAsync("/Benefits/Edit");
        var owner = await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == "bcm.justice@readiness.demo").Select(u => u.Id).SingleAsync());
        var programme = await _factory.WithDbAsync(db => db.Programmes.Where(p => p.Code == "CONNECT").Select(p => p.Id).SingleAsync());
        var values = new Dictionary<string, string>
        {
            ["ProgrammeId"] = programme.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Code"] = "CONNECT-CUSTODY-TIME", ["Name"] = "Faster custody booking-in",
            ["Kind"] = "NonCashable", ["Measure"] = "Average booking-in time", ["Unit"] = "minutes", ["Baseline"] = "40", ["Target"] = "25",
            ["OwnerUserId"] = owner, ["Releases"] = "CONNECT-P1, NOPE", ["Areas"] = "CUSTODY", ["Profile"] = "2026-04-30,35\n30/06/2026,25",
        };

        // Bad input: each problem on its field, nothing added.
        var refused = await pmo.SubmitAsync(form.Forms["benefit-form"]!, values);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problems = Problems(await Browser.ParseAsync(refused, "/Benefits/Edit"));
        Assert.Contains(problems, p => p.StartsWith("Unknown code(s): NOPE.", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Line 2 (“30/06/2026,25”)", StringComparison.Ordinal));
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Benefits.CountAsync(b => b.Code == "CONNECT-CUSTODY-TIME")));

        values["Releases"] = "CONNECT-P1";
        values["Profile"] = "2026-04-30,35\n2026-06-30,25";
        var added = await pmo.SubmitAsync(form.Forms["benefit-form"]!, values);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = await IdOfAsync("CONNECT-CUSTODY-TIME");
        Assert.Equal($"/Benefits/{id}", added.Headers.Location!.OriginalString);

        // Another BCM and a team lead are turned away; the owner changes it.
        foreach (var other in new[] { Owner, "tl.custody@readiness.demo" })
            Assert.Contains("AccessDenied", (await (await SignedInAsync(other)).GetRawAsync($"/Benefits/Edit/{id}")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        var bcm = await SignedInAsync("bcm.justice@readiness.demo");
        var ownerForm = await bcm.GetAsync($"/Benefits/Edit/{id}");
        var pmoForm = await pmo.GetAsync($"/Benefits/Edit/{id}"); // opened before the owner saves
        Assert.Equal(HttpStatusCode.Redirect, (await bcm.SubmitAsync(ownerForm.Forms["benefit-form"]!, new() { ["Target"] = "20" })).StatusCode);

        var stale = await pmo.SubmitAsync(pmoForm.Forms["benefit-form"]!, new() { ["Name"] = "Overwritten" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this benefit", (await Browser.ParseAsync(stale, $"/Benefits/Edit/{id}")).QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        var saved = await _factory.WithDbAsync(db => db.Benefits.SingleAsync(b => b.Id == id));
        Assert.Equal(("Faster custody booking-in", 20m), (saved.Name, saved.Target!.Value));
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectType == BenefitCommands.AuditSubject).Select(e => new { e.Action, e.Summary }).ToListAsync());
        Assert.Equal(["benefit.created", "benefit.changed"], audit.Select(a => a.Action));
        Assert.Contains("target 25", audit[1].Summary, StringComparison.Ordinal);
        Assert.Contains("→", audit[1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_with_problems_imports_nothing_and_names_each_row_and_column_and_a_good_one_imports_all()
    {
        var id = await IdOfAsync("THRIVE-TDIU-SHARE");
        var owner = await SignedInAsync(Owner);
        async Task<HttpResponseMessage> UploadAsync(string csv)
        {
            var form = await owner.GetAsync($"/Benefits/{id}/Upload");
            using var content = new MultipartFormDataContent
            {
                { new StringContent(form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "File", "measurements.csv" },
            };
            return await owner.Client.PostAsync($"/Benefits/{id}/Upload", content);
        }
        var before = await _factory.WithDbAsync(db => db.BenefitMeasurements.CountAsync(m => m.BenefitId == id));

        var bad = await UploadAsync("date,value,unit\n2026-02-10,45.2,%\n10/02/2026,45.3,%\n2026-02-11,lots,%\n2026-02-16,45.5,%\n2026-02-12,45,seconds\n2026-04-01,47,%\n");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await Browser.ParseAsync(bad, $"/Benefits/{id}/Upload");
        Assert.NotNull(page.QuerySelector("[data-testid=nothing-imported]"));
        Assert.Equal(
        [
            "Row 3, column date: '10/02/2026' is not a date written as YYYY-MM-DD.",
            "Row 4, column value: 'lots' is not a number (use digits and a dot, e.g. 41.2).",
            "Row 5, column date: 2026-02-16 already has a measurement for this benefit.",
            "Row 6, column unit: 'seconds' does not match the benefit's unit '%'.",
            "Row 7, column date: 2026-04-01 is in the future.",
        ], Problems(page));
        Assert.Equal(before, await _factory.WithDbAsync(db => db.BenefitMeasurements.CountAsync(m => m.BenefitId == id)));

        var good = await UploadAsync("date,value\n2026-02-10,45.2\n2026-02-11,45.3\n");

        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(before + 2, await _factory.WithDbAsync(db => db.BenefitMeasurements.CountAsync(m => m.BenefitId == id)));
        Assert.Equal(1, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "benefit.measurements.imported")));
        var pmoOnlyReads = await SignedInAsync("bcm.justice@readiness.demo");
        Assert.Contains("AccessDenied", (await pmoOnlyReads.GetRawAsync($"/Benefits/{id}/Upload")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
