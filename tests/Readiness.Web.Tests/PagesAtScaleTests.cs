using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Readiness.Web.Tests;

/// <summary>Pages that cost a page: compressed, paged in SQL, long lists searchable, the calendar feeds on their own page.</summary>
public sealed class PagesAtScaleTests(PortfolioFixture fixture) : IClassFixture<PortfolioFixture>
{
    private const string Pmo = "pmo@readiness.demo";

    private static async Task<HttpResponseMessage> GetEncodedAsync(Browser browser, string url, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        return await browser.Client.SendAsync(request);
    }

    [Fact]
    public async Task Html_is_sent_with_brotli_and_a_csv_export_with_gzip_when_the_browser_accepts_them()
    {
        var pmo = await fixture.SignedInAsync(Pmo);

        var page = await GetEncodedAsync(pmo, "/Portfolio/Tracker", "br");
        Assert.Equal("br", Assert.Single(page.Content.Headers.ContentEncoding));
        await using (var html = new BrotliStream(await page.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
            Assert.Contains("Gate tracker", await new StreamReader(html).ReadToEndAsync(), StringComparison.Ordinal);

        var csv = await GetEncodedAsync(pmo, "/Portfolio/Tracker?handler=Csv", "gzip");
        Assert.Equal("gzip", Assert.Single(csv.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task A_page_showing_a_token_that_repeats_is_never_compressed()
    {
        var anonymous = new Browser(fixture.Factory.CreateBrowser());
        var link = await GetEncodedAsync(anonymous, "/Decide/not-a-real-token-but-the-page-of-one", "br");
        Assert.Empty(link.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task The_tracker_offers_the_feeds_of_the_programmes_it_shows_and_the_feeds_page_every_programme_and_area()
    {
        var pmo = await fixture.SignedInAsync(Pmo);
        var tracker = await pmo.GetAsync("/Portfolio/Tracker?Programme=CONNECT");
        var offered = tracker.QuerySelectorAll("a[data-testid=feed]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Single(offered);
        Assert.Contains("programme=CONNECT&", offered[0], StringComparison.Ordinal);
        Assert.Equal("/Portfolio/Feeds", tracker.QuerySelector("a[data-testid=feeds-link]")!.GetAttribute("href"));

        var feeds = await pmo.GetAsync("/Portfolio/Feeds");
        var programmes = await fixture.Factory.WithDbAsync(db => db.Programmes.CountAsync());
        var areas = await fixture.Factory.WithDbAsync(db => db.BusinessAreas.CountAsync());
        Assert.Equal(programmes, feeds.QuerySelectorAll("[data-testid=programme-feeds] a").Length);
        Assert.Equal(areas, feeds.QuerySelectorAll("[data-testid=area-feeds] a").Length);
    }

    [Fact]
    public async Task The_programme_box_takes_a_name_typed_in_full_and_offers_every_programme_as_a_suggestion()
    {
        var pmo = await fixture.SignedInAsync(Pmo);
        var page = await pmo.GetAsync("/Portfolio/Tracker?Programme=" + Uri.EscapeDataString("command and control replacement"));

        Assert.Equal(["CC-REPLACE", "CC-RMS"], page.QuerySelectorAll("tr[data-release]").Select(r => r.GetAttribute("data-release")!).Distinct().Order().ToList());
        var box = page.QuerySelector("input#Programme")!;
        Assert.Equal("Command and Control Replacement", box.GetAttribute("value"));
        Assert.Contains(page.QuerySelectorAll($"datalist#{box.GetAttribute("list")} option"), o => o.GetAttribute("value") == "CONNECT");
    }

    [Fact]
    public async Task The_release_list_is_paged_and_sorted_in_sql_with_a_window_of_page_links()
    {
        var pmo = await fixture.SignedInAsync(Pmo);
        var first = await pmo.GetAsync("/Releases?Sort=release&Dir=desc");
        var codes = first.QuerySelectorAll("tr[data-release]").Select(r => r.GetAttribute("data-release")!).ToList();
        Assert.Equal(16, codes.Count);
        Assert.Equal(codes.OrderDescending(StringComparer.Ordinal).ToList(), codes);
        Assert.Contains("1–16 of 16", first.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);

        var one = await pmo.GetAsync("/Releases?Programme=FORENSICS");
        Assert.Equal(["FS-RAPID", "FS-RSR"], one.QuerySelectorAll("tr[data-release]").Select(r => r.GetAttribute("data-release")!).Order().ToList());
    }

    [Fact]
    public async Task The_pagination_shows_a_window_of_page_numbers_with_ellipses_not_every_page()
    {
        var links = new Readiness.Web.Infrastructure.PageLinks(50, 120, p => $"/x?p={p}");
        Assert.Equal([1, null, 48, 49, 50, 51, 52, null, 120], links.Numbers().ToList());
        var pmo = await fixture.SignedInAsync(Pmo);
        var nav = (await pmo.GetAsync("/Portfolio/Tracker"))!.QuerySelector("nav[aria-label='Gate tracker pages']")!;
        Assert.Equal(2, nav.QuerySelectorAll("a[aria-label^='Page']").Length);
    }

    [Fact]
    public async Task The_timeline_reads_only_the_releases_of_the_months_shown()
    {
        var pmo = await fixture.SignedInAsync(Pmo);
        var later = await pmo.GetAsync("/Portfolio/Timeline?From=2028-01");
        Assert.Empty(later.QuerySelectorAll("svg g[data-release]"));
        var now = await pmo.GetAsync("/Portfolio/Timeline");
        Assert.Equal(16, now.QuerySelectorAll("svg g[data-release]").Length);
        Assert.Contains("September 2025", now.QuerySelector("[data-testid=timeline-window]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_work_shows_open_and_recent_returns_by_default_and_everything_on_request()
    {
        var lead = await fixture.SignedInAsync("tl.custody@readiness.demo");
        var open = await lead.GetAsync("/Assessments");
        var all = await lead.GetAsync("/Assessments?Show=all");
        var openRows = open.QuerySelectorAll("tbody tr").Length;
        Assert.True(openRows > 0);
        Assert.True(all.QuerySelectorAll("tbody tr").Length >= openRows);
        Assert.Contains("Show all", open.QuerySelector("[data-testid=my-work-scope]")!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>Stuck approvals: a summary by approver counted in SQL, one approver's decisions on demand, re-sends in chunks.</summary>
public sealed class StuckApprovalsSummaryTests : IAsyncLifetime
{
    private sealed class Commits : ICommitObserver
    {
        public int Count;
        public void Committed(CommitSummary summary) => Interlocked.Increment(ref Count);
    }

    private readonly Commits _commits = new();
    private SmtpTestServer _smtp = null!;
    private ReadinessFactory _factory = null!;
    private ApprovalDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _factory = new ReadinessFactory(settings: ApprovalDriver.SmtpSettings(_smtp), services: s => s.AddSingleton<ICommitObserver>(_commits));
        _driver = new ApprovalDriver(_factory, _smtp);
        foreach (var area in new[] { "CUSTODY", "PROPERTY", "CASE" }) await _driver.SubmitReturnAsync("CONNECT-P1", area);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_summary_counts_each_approvers_decisions_and_one_approver_is_expanded_on_demand()
    {
        var pmo = await _driver.SignedInAsync("pmo@readiness.demo");
        var pending = await _factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.Status == ApprovalStatus.Pending)
            .GroupBy(r => r.ApproverUserId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());

        var page = await pmo.GetAsync("/Portfolio/Approvals");
        var summary = page.QuerySelectorAll("[data-testid=approver-summary] tbody tr").ToList();
        Assert.Equal(pending.Count, summary.Count);
        Assert.Equal(pending.Sum(p => p.Count), summary.Sum(tr => int.Parse(tr.Children[1].TextContent, System.Globalization.CultureInfo.InvariantCulture)));

        var one = pending[0].Key;
        var expanded = await pmo.GetAsync($"/Portfolio/Approvals?Approver={Uri.EscapeDataString(one)}");
        var section = Assert.Single(expanded.QuerySelectorAll("section[data-approver]"));
        Assert.Equal(pending[0].Count, section.QuerySelectorAll("tr[data-request]").Length);
    }

    [Fact]
    public async Task A_bulk_resend_commits_chunk_by_chunk_and_a_second_run_skips_what_was_already_re_sent()
    {
        var ids = await _factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.Status == ApprovalStatus.Pending).Select(r => r.Id).ToListAsync());
        Assert.True(ids.Count >= 3);
        var pmo = await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == "pmo@readiness.demo").Select(u => u.Id).SingleAsync());
        var actor = new Actor(pmo, new HashSet<string> { Roles.Pmo });
        var before = _commits.Count;

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<StuckApprovals>().ResendAsync(actor, ids, new RequestOrigin(null, null), CancellationToken.None, chunkSize: 2);
            Assert.Equal(new ResendSummary(ids.Count, 0), result.Value);
        }
        Assert.Equal((ids.Count + 1) / 2, _commits.Count - before); // one unit of work per chunk of two

        await using (var again = _factory.Services.CreateAsyncScope())
        {
            var second = await again.ServiceProvider.GetRequiredService<StuckApprovals>().ResendAsync(actor, ids, new RequestOrigin(null, null), CancellationToken.None, chunkSize: 2);
            Assert.Equal(new ResendSummary(0, ids.Count), second.Value);
        }
        Assert.Equal(ids.Count, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "approval.resent")));
    }
}
