using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Persistence;
using Readiness.Core.Approvals;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// No failing criterion reaches the SRO unseen (issue 10, point 1). The defect: the seeded Property return of CONNECT
/// Phase 1 had criteria below their minimum pass, still scored Green, was plainly approved by its BCM, and the SRO's pack
/// said "Worst return RAG: Green" and "Waivers (0)".
/// </summary>
public sealed class FailingCriteriaTests : IAsyncLifetime
{
    private const string Bcm = "bcm.justice@readiness.demo";
    private ReadinessFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ReadinessFactory(settings: new Dictionary<string, string?> { ["Seed:DemoActivity"] = "true" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private Task<int> PropertyRequestIdAsync() => _factory.WithDbAsync(db => (from q in db.ApprovalRequests
                                                                               join a in db.Assessments on q.SubjectId equals a.Id
                                                                               join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                                                                               where q.Kind == ApprovalKind.AreaReturn && area.Code == "PROPERTY" && q.Status == ApprovalStatus.Pending
                                                                               select q.Id).SingleAsync());

    private async Task<Browser> SignedInAsync(string email)
    {
        var browser = new Browser(_factory.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    [Fact]
    public async Task The_seeded_property_return_shows_its_failures_to_the_bcm_refuses_a_plain_approve_and_shows_them_in_the_sros_pack()
    {
        var requestId = await PropertyRequestIdAsync();
        var bcm = await SignedInAsync(Bcm);

        // The BCM's review lists every failing criterion with the answer given.
        var page = await bcm.GetAsync($"/Approvals/Decide/{requestId}");
        var failing = page.QuerySelectorAll("[data-testid=failing-criteria] [data-criterion]").ToList();
        Assert.NotEmpty(failing);
        var codes = failing.Select(f => f.GetAttribute("data-criterion")!).ToList();
        Assert.All(failing, f => Assert.Contains("Answer:", f.TextContent, StringComparison.Ordinal));

        // A plain Approve is refused, naming the criteria and what to do, and nothing is recorded.
        var audit = await _factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        var refused = await ApprovalDriver.DecideAsync(bcm, page, "Approve");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await Browser.ParseAsync(refused, $"/Approvals/Decide/{requestId}")).QuerySelector(".govuk-error-summary")!.TextContent;
        Assert.All(codes, code => Assert.Contains(code, message, StringComparison.Ordinal));
        Assert.Contains("waive", message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ApprovalStatus.Pending, await _factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync()));
        Assert.Equal(audit, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync()));

        // The SRO's pack lists them under Property and counts them on its summary.
        var sro = await SignedInAsync("sro.connect@readiness.demo");
        var pack = await sro.GetAsync("/Releases/CONNECT-P1/Pack");
        var property = pack.QuerySelector("[data-testid=pack-failing] [data-area=PROPERTY]");
        Assert.NotNull(property);
        Assert.All(codes, code => Assert.Contains(code, property!.TextContent, StringComparison.Ordinal));
        var total = pack.QuerySelectorAll("[data-testid=pack-failing] [data-criterion]").Length;
        Assert.Contains($"{total} criteria below their minimum pass", pack.QuerySelector("[data-testid=pack-summary]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiving_each_failure_then_approving_is_recorded_and_the_pack_and_tracker_show_them_waived()
    {
        var requestId = await PropertyRequestIdAsync();
        var bcm = await SignedInAsync(Bcm);
        var page = await bcm.GetAsync($"/Approvals/Decide/{requestId}");
        var expiry = new DateOnly(2026, 4, 30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var waivers = new Dictionary<string, string>();
        foreach (var row in page.QuerySelectorAll<IHtmlInputElement>("input[name^='Form.Waivers'][name$='.CriterionId']"))
        {
            var prefix = row.Name![..row.Name!.LastIndexOf('.')];
            (waivers[$"{prefix}.Waive"], waivers[$"{prefix}.Reason"], waivers[$"{prefix}.ExpiresOn"]) = ("true", "Closed in the first week of hypercare", expiry);
        }
        Assert.NotEmpty(waivers);

        var response = await ApprovalDriver.DecideAsync(bcm, page, "Approve", "", waivers);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var pmo = await SignedInAsync("pmo@readiness.demo");
        var property = (await pmo.GetAsync("/Releases/CONNECT-P1/Pack")).QuerySelector("[data-testid=pack-failing] [data-area=PROPERTY]")!;
        Assert.All(property.QuerySelectorAll("[data-criterion]"), c => Assert.Contains("Waived", c.TextContent, StringComparison.Ordinal));
        var tracker = await pmo.GetAsync("/Portfolio/Tracker?Programme=CONNECT");
        var failing = await _factory.WithDbAsync(db => db.Assessments.Where(a => db.Releases.Any(r => r.Id == a.ReleaseId && r.Code == "CONNECT-P1")).SumAsync(a => a.FailingCriteria ?? 0));
        Assert.Contains($"{failing} criteria failing", tracker.QuerySelector("tr[data-release=CONNECT-P1][data-gate=GoNoGo] [data-testid=flags]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_go_live_packs_digest_changes_when_a_waiver_is_added()
    {
        var na = await _factory.WithDbAsync(db => (from a in db.Assessments
                                                    join q in db.ApprovalRequests on a.Id equals q.SubjectId
                                                    join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                                                    where area.Code == "BCU-NA" && q.Kind == ApprovalKind.AreaReturn && q.Status == ApprovalStatus.Decided
                                                    select new { a.ReleaseId, AssessmentId = a.Id, RequestId = q.Id }).SingleAsync());
        var (releaseId, assessmentId, requestId) = (na.ReleaseId, na.AssessmentId, na.RequestId);
        var criterionId = await _factory.WithDbAsync(db => db.Criteria.Where(c => c.Code == "TE-03").Select(c => c.Id).FirstAsync());
        async Task<string> DigestAsync()
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            return await ContentHashes.ForGoLiveAsync(scope.ServiceProvider.GetRequiredService<ReadinessDbContext>(), releaseId, CancellationToken.None);
        }
        var before = await DigestAsync();

        await _factory.WithDbAsync(async db =>
        {
            db.Waivers.Add(new Waiver(requestId, assessmentId, criterionId, "Spares only", "someone", new DateOnly(2026, 5, 1), DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

        Assert.NotEqual(before, await DigestAsync());
    }
}
