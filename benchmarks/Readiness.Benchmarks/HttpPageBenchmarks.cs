using System.Diagnostics.CodeAnalysis;
using System.Net;
using BenchmarkDotNet.Attributes;

namespace Readiness.Benchmarks;

/// <summary>
/// GETs of the pages the budgets name, over real HTTP to the app on Kestrel at 127.0.0.1 (routing, auth cookie, page
/// model, EF Core on the database file, Razor rendering, the socket), signed in as the PMO (the busy team lead for
/// My work, a BCM of 4 areas for the decisions inbox). The baseline is the anonymous sign-in page. Every page runs at
/// <see cref="Scale"/> 1 (the report's 80 programmes, 300 releases) and 10 (800 and 3,000) in one run, and
/// <see cref="ScalesSideBySide"/> runs a page's two scales one after the other, so its growth (the ratio of its two
/// medians) is taken a minute apart, not half a run apart. <c>--filter '*Scale: 10*'</c> selects the scale-10 runs.
/// Responses are read whole and uncompressed (no Accept-Encoding).
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class HttpPageBenchmarks
{
    private string _folder = "";
    private BenchApp _app = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _pmo = null!;
    private HttpClient _teamLead = null!;
    private HttpClient _bcm = null!;
    private PortfolioShape _shape = null!;

    /// <summary>The portfolio's size: 1 is the report's, 10 ten times larger.</summary>
    [Params(1, 10)]
    public int Scale { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _shape = await Workspace.ShapeAsync(Scale);
        _folder = await Workspace.CopyOfPortfolioAsync($"http-scale{Scale}", Scale);
        _app = BenchApp.OverHttp(_folder);
        _anonymous = _app.CreateBrowser();
        _pmo = await _app.SignedInAsync(_shape.PmoEmail);
        _teamLead = await _app.SignedInAsync(_shape.BusyTeamLeadEmail);
        _bcm = await _app.SignedInAsync(_shape.InboxBcmEmail);
        // Every URL answers 200 before anything is timed: a redirect to sign-in would be fast and wrong.
        await FetchAsync(_anonymous, SignInUrl);
        foreach (var url in PmoUrls) await FetchAsync(_pmo, url);
        await FetchAsync(_teamLead, MyWorkUrl);
        await FetchAsync(_bcm, InboxUrl);
        // Every page many times, then wait until the JIT is quiet, before anything is timed: the runtime recompiles hot
        // code on a background thread (tiered JIT) for a while, and the baseline, measured first, paid for it: a sign-in
        // page falling from 2 to 0.9 ms across its iterations at scale 1 against a steady 0.5 ms at scale 10 in the
        // same run, which made every scale-1 ratio look better than it is.
        for (var round = 0; round < 30; round++)
        {
            await FetchAsync(_anonymous, SignInUrl);
            foreach (var url in PmoUrls.Where(u => u != CsvUrl && u != ExcelUrl)) await FetchAsync(_pmo, url);
            await FetchAsync(_teamLead, MyWorkUrl);
            await FetchAsync(_bcm, InboxUrl);
        }
        await JitQuietAsync();
    }

    /// <summary>Waits until no method has been compiled for two seconds (at most a minute).</summary>
    private static async Task JitQuietAsync()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var count = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quiet = 0;
        while (quiet < 4 && watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(500);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quiet = now == count ? quiet + 1 : 0;
            count = now;
        }
        Console.WriteLine($"// JIT quiet after {watch.Elapsed.TotalSeconds:0.0} s ({count} methods compiled)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _anonymous.Dispose();
        _pmo.Dispose();
        _teamLead.Dispose();
        _bcm.Dispose();
        _app.Dispose();
        BenchDatabase.ReleaseConnections();
        Workspace.Delete(_folder);
    }

    public const string SignInUrl = "/Account/SignIn";
    public const string TrackerUrl = "/Portfolio/Tracker";
    public const string TrackerPage2Url = "/Portfolio/Tracker?p=2";
    public const string HeatmapUrl = "/Portfolio/Heatmap";
    public const string StuckApprovalsUrl = "/Portfolio/Approvals";
    public const string MyWorkUrl = "/Assessments";
    public const string InboxUrl = "/Approvals";
    public const string CsvUrl = "/Portfolio/Tracker?handler=Csv";
    public const string ExcelUrl = "/Portfolio/Tracker?handler=Excel";

    public static string TrackerFilteredUrl(PortfolioShape shape) => $"/Portfolio/Tracker?Area={shape.FilterArea}&Status=Overdue";

    private IEnumerable<string> PmoUrls =>
        [TrackerUrl, TrackerFilteredUrl(_shape), TrackerPage2Url, HeatmapUrl, StuckApprovalsUrl, $"/Releases/{_shape.BiggestReleaseCode}", CsvUrl, ExcelUrl];

    [Benchmark(Baseline = true, Description = "Sign-in page (baseline)")]
    public Task<int> SignIn() => FetchAsync(_anonymous, SignInUrl);

    [Benchmark(Description = "Gate tracker, page 1")]
    public Task<int> Tracker() => FetchAsync(_pmo, TrackerUrl);

    [Benchmark(Description = "Gate tracker, filtered (directorate + overdue)")]
    public Task<int> TrackerFiltered() => FetchAsync(_pmo, TrackerFilteredUrl(_shape));

    [Benchmark(Description = "Gate tracker, page 2")]
    public Task<int> TrackerPage2() => FetchAsync(_pmo, TrackerPage2Url);

    [Benchmark(Description = "My work (busy team lead)")]
    public Task<int> MyWork() => FetchAsync(_teamLead, MyWorkUrl);

    [Benchmark(Description = "Decisions inbox (BCM of 4 areas)")]
    public Task<int> Inbox() => FetchAsync(_bcm, InboxUrl);

    [Benchmark(Description = "Change heatmap (26 weeks, all areas)")]
    public Task<int> Heatmap() => FetchAsync(_pmo, HeatmapUrl);

    [Benchmark(Description = "Stuck approvals")]
    public Task<int> StuckApprovals() => FetchAsync(_pmo, StuckApprovalsUrl);

    [Benchmark(Description = "Release page (most areas)")]
    public Task<int> Release() => FetchAsync(_pmo, $"/Releases/{_shape.BiggestReleaseCode}");

    [Benchmark(Description = "Tracker CSV export (all rows)")]
    public Task<int> TrackerCsv() => FetchAsync(_pmo, CsvUrl);

    [Benchmark(Description = "Tracker Excel export (all rows)")]
    public Task<int> TrackerExcel() => FetchAsync(_pmo, ExcelUrl);

    /// <summary>
    /// GET and read the whole body as it arrives, into one reused buffer; anything but 200 stops the run. Not buffered
    /// by HttpClient and copied into an array: the client runs in the app's process, so its buffers were counted as
    /// the page's allocations and its garbage collected on the app's time (3 times the page's size for a 213 KB grid).
    /// </summary>
    public static async Task<int> FetchAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {response.Headers.Location}");
        await using var body = await response.Content.ReadAsStreamAsync();
        var length = 0;
        for (int read; (read = await body.ReadAsync(Drain)) > 0;) length += read;
        return length;
    }

    /// <summary>Where every body is read to: benchmarks run one request at a time.</summary>
    private static readonly Memory<byte> Drain = new byte[64 * 1024];
}
