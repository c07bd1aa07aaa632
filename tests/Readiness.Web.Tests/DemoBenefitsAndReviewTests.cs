using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Portfolio;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The seeded demo (issue 10, point 5), as it opens with its demo activity played: benefits for the releases the report
/// names, measurements for the live THRIVE-BCU, a benefit at risk on the demo's date, and a post-go-live review in
/// progress on THRIVE-BCU — read through the pages a PMO would open.
/// </summary>
public sealed class DemoBenefitsAndReviewTests : IAsyncLifetime
{
    private ReadinessFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ReadinessFactory(settings: new Dictionary<string, string?> { ["Seed:DemoActivity"] = "true" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<Browser> PmoAsync()
    {
        var browser = new Browser(_factory.CreateBrowser());
        await browser.SignInAsync("pmo@readiness.demo");
        return browser;
    }

    private static string Status(IElement row) => row.QuerySelector("[data-testid=status]")!.TextContent.Trim();

    [Fact]
    public async Task The_demo_has_the_reports_benefits_with_thrive_measured_and_one_at_risk()
    {
        var pmo = await PmoAsync();

        var page = await pmo.GetAsync("/Benefits");

        // The benefits the report names.
        var rows = page.QuerySelectorAll("[data-testid=benefits] tr[data-benefit]").ToDictionary(r => r.GetAttribute("data-benefit")!);
        Assert.Contains("TDIU handles a growing share of recorded crime", rows["THRIVE-TDIU-SHARE"].TextContent, StringComparison.Ordinal);
        Assert.Contains("101 call", rows["THRIVE-101-WAIT"].TextContent, StringComparison.Ordinal);
        Assert.Contains("Cashable", rows["CONNECT-LEGACY-SAVINGS"].TextContent, StringComparison.Ordinal);
        var online = await _factory.WithDbAsync(db => db.Benefits.Where(b => b.Code == "ONLINE-REPORTING-SHARE").Select(b => new { b.Baseline, b.Unit }).SingleAsync());
        Assert.Equal((17m, "%"), (online.Baseline!.Value, online.Unit)); // 17 % of crimes reported online today
        Assert.NotNull(page.QuerySelector("[data-testid=cashable] tr[data-programme=CONNECT]"));

        // On the demo's date exactly one benefit is at risk: TDIU's share lags its profile.
        var atRisk = rows.Where(r => Status(r.Value).Contains("At risk", StringComparison.Ordinal)).Select(r => r.Key).ToList();
        Assert.Equal(["THRIVE-TDIU-SHARE"], atRisk);

        // THRIVE-BCU is live and its benefits carry measurements: by hand for TDIU's share, the 101 indicator's readings for waiting times.
        Assert.Equal(ReleaseStatus.Live, await _factory.WithDbAsync(db => db.Releases.Where(r => r.Code == "THRIVE-BCU").Select(r => r.Status).SingleAsync()));
        var tab = await pmo.GetAsync("/Releases/THRIVE-BCU/Benefits");
        foreach (var code in new[] { "THRIVE-TDIU-SHARE", "THRIVE-101-WAIT" })
            Assert.True(tab.QuerySelectorAll($"[data-testid=benefit-values-{code}] td[data-measured]").Length >= 3, $"{code} has too few measurements on the release's Benefits tab.");
        Assert.Contains("At risk", tab.QuerySelector("[data-benefit=THRIVE-TDIU-SHARE] [data-testid=benefit-status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_has_the_post_go_live_review_of_thrive_bcu_in_progress()
    {
        var pmo = await PmoAsync();

        var review = await pmo.GetAsync("/Releases/THRIVE-BCU/Review");

        // Two areas' BCMs have submitted their reviews, a third has started; the SRO is not asked yet.
        Assert.Contains("2 of 14 areas reviewed", review.QuerySelector("[data-testid=review-summary]")!.TextContent, StringComparison.Ordinal);
        string StatusOf(string area) => review.QuerySelector($"[data-testid=review-areas] tr[data-area={area}] td a")!.TextContent;
        Assert.StartsWith("Submitted", StatusOf("TDIU"), StringComparison.Ordinal);
        Assert.StartsWith("Submitted", StatusOf("LRT"), StringComparison.Ordinal);
        Assert.StartsWith("In progress", StatusOf("BCU-CW"), StringComparison.Ordinal);
        Assert.Null(review.QuerySelector("[data-testid=review-decision]"));
        Assert.NotNull(review.QuerySelector("[data-testid=review-benefits] [data-benefit=THRIVE-TDIU-SHARE]"));
        Assert.Equal(ReleaseStatus.Live, await _factory.WithDbAsync(db => db.Releases.Where(r => r.Code == "THRIVE-BCU").Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_bcms_home_marks_their_post_go_live_review_as_theirs_to_fill_in_and_links_to_its_form()
    {
        var bcm = new Browser(_factory.CreateBrowser());
        await bcm.SignInAsync("bcm.central@readiness.demo");

        var rows = (await bcm.GetAsync("/")).QuerySelectorAll("[data-testid=coming] tbody tr").ToList();

        var reviews = rows.Where(r => r.TextContent.Contains("THRIVE-BCU", StringComparison.Ordinal) && r.QuerySelector("[data-testid=yours]") is not null).ToList();
        Assert.NotEmpty(reviews);
        Assert.All(reviews, review =>
        {
            Assert.StartsWith("/Assessments/Edit/", review.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
            Assert.Contains("Post-go-live review: yours to fill in", review.TextContent, StringComparison.Ordinal);
        });
        Assert.All(rows.Where(r => r.QuerySelector("[data-testid=yours]") is null), r => Assert.StartsWith("/Assessments/View/", r.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal));
    }
}
