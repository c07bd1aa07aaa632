using System.Diagnostics.CodeAnalysis;
using System.Net;
using BenchmarkDotNet.Attributes;

namespace Readiness.Benchmarks;

/// <summary>
/// GETs of the portfolio pages as the PMO (and My work as a busy team lead), end to end through the real app in-process:
/// routing, auth cookie, page model, EF Core on the SQLite file, Razor rendering. The baseline is the sign-in page.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class PageBenchmarks
{
    private string _folder = "";
    private BenchApp _app = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _pmo = null!;
    private HttpClient _teamLead = null!;
    private PortfolioShape _shape = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _shape = Workspace.Shape();
        _folder = Workspace.CopyOfPortfolio("pages");
        _app = new BenchApp(_folder);
        _anonymous = _app.CreateBrowser();
        _pmo = await _app.SignedInAsync(_shape.PmoEmail);
        _teamLead = await _app.SignedInAsync(_shape.BusyTeamLeadEmail);
        // Every URL answers 200 before anything is timed: a redirect to sign-in would be fast and wrong.
        await FetchAsync(_anonymous, "/Account/SignIn");
        foreach (var url in PmoUrls()) await FetchAsync(_pmo, url);
        await FetchAsync(_teamLead, "/Assessments");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _anonymous.Dispose();
        _pmo.Dispose();
        _teamLead.Dispose();
        _app.Dispose();
        BenchDatabase.ReleaseConnections();
        Workspace.Delete(_folder);
    }

    private IEnumerable<string> PmoUrls() =>
    [
        "/Portfolio/Tracker", TrackerFiltered, "/Portfolio/Heatmap", "/Portfolio/Approvals", $"/Releases/{_shape.BiggestReleaseCode}",
        "/Portfolio/Tracker?handler=Csv", "/Portfolio/Tracker?handler=Excel",
    ];

    private string TrackerFiltered => $"/Portfolio/Tracker?Area={_shape.FilterArea}&Status=Overdue";

    [Benchmark(Baseline = true, Description = "Sign-in page (baseline)")]
    public Task<int> SignInPage() => FetchAsync(_anonymous, "/Account/SignIn");

    [Benchmark(Description = "Gate tracker, page 1")]
    public Task<int> Tracker() => FetchAsync(_pmo, "/Portfolio/Tracker");

    [Benchmark(Description = "Gate tracker, filtered (directorate + overdue)")]
    public Task<int> TrackerFilteredPage() => FetchAsync(_pmo, TrackerFiltered);

    [Benchmark(Description = "Change heatmap")]
    public Task<int> Heatmap() => FetchAsync(_pmo, "/Portfolio/Heatmap");

    [Benchmark(Description = "Stuck approvals")]
    public Task<int> Approvals() => FetchAsync(_pmo, "/Portfolio/Approvals");

    [Benchmark(Description = "Release page (most areas)")]
    public Task<int> Release() => FetchAsync(_pmo, $"/Releases/{_shape.BiggestReleaseCode}");

    [Benchmark(Description = "Tracker CSV export (all rows)")]
    public Task<int> TrackerCsv() => FetchAsync(_pmo, "/Portfolio/Tracker?handler=Csv");

    [Benchmark(Description = "Tracker Excel export (all rows)")]
    public Task<int> TrackerExcel() => FetchAsync(_pmo, "/Portfolio/Tracker?handler=Excel");

    [Benchmark(Description = "My work (busy team lead)")]
    public Task<int> MyWork() => FetchAsync(_teamLead, "/Assessments");

    /// <summary>GET and read the whole body; anything but 200 stops the run.</summary>
    private static async Task<int> FetchAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {response.Headers.Location}");
        var body = await response.Content.ReadAsByteArrayAsync();
        return body.Length;
    }
}
