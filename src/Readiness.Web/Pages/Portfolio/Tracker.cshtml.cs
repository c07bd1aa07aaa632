using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Approvals;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>The gate tracker: every release × gate, filtered, sorted and paged; the same rows export to CSV and Excel.</summary>
[Authorize(Roles = $"{Roles.Pmo},{Roles.Sro},{Roles.Bcm}")]
public class TrackerModel(GateTracker tracker, PortfolioChoices choices, CalendarFeeds feeds, ReadinessClock clock, ForecastQueries forecasts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rag { get; set; }
    [BindProperty(SupportsGet = true)] public bool Open { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Dir { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public TrackerPage Result { get; private set; } = null!;

    public ProgrammeOffer Programmes { get; private set; } = new([], 0);
    public IReadOnlyList<PortfolioChoice> Areas { get; private set; } = [];
    public DateOnly Today => clock.Today;

    /// <summary>Forecasts of the open gates on this page only (by gate id): the query costs a page, whatever the portfolio.</summary>
    public IReadOnlyDictionary<int, GateForecast> Forecasts { get; private set; } = new Dictionary<int, GateForecast>();
    public ForecastMethod ForecastMethod => new(forecasts.WindowWorkingDays, forecasts.FlagFromDays);

    public bool Filtered => !string.IsNullOrWhiteSpace(Programme) || !string.IsNullOrWhiteSpace(Area) || !string.IsNullOrWhiteSpace(Status) || From is not null || To is not null
        || !string.IsNullOrWhiteSpace(Rag) || Open;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ChooseAsync(ct);
        Result = await tracker.PageAsync(Filter(), ct);
        Forecasts = await forecasts.ForRowsAsync(Result.Rows, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await ChooseAsync(ct);
        return this.Download(TrackerExport.Csv(await tracker.RowsAsync(Filter(), ct)), TrackerExport.CsvType, FileName("csv"));
    }

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken ct)
    {
        await ChooseAsync(ct);
        var rows = await tracker.RowsAsync(Filter(), ct);
        return this.StreamedDownload(TrackerExport.ExcelType, FileName("xlsx"), (body, c) => TrackerExport.WriteExcelAsync(rows, body, c));
    }

    /// <summary>The programme and area boxes take a code or a name: both become the code.</summary>
    private async Task ChooseAsync(CancellationToken ct)
    {
        (Programmes, Areas) = await choices.FilterChoicesAsync(Programme, ct);
        Programme = Choices.CodeOf(Programme, Programmes.Offered);
        Area = Choices.CodeOf(Area, Areas);
    }

    private TrackerFilter Filter() => new(Programme, Area, PortfolioWords.ParseStatus(Status), From, To,
        GateTracker.SortKeys.Contains(Sort) ? Sort : null, Dir == "desc", PageNumber, Rag: Rag, OpenOnly: Open);

    private string FileName(string ext) => $"gate-tracker-{clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{ext}";

    private QueryLinks? _links;

    /// <summary>This page's filters, sort and direction as the links carry them, encoded once a request.</summary>
    private QueryLinks Links => _links ??= new QueryLinks("/Portfolio/Tracker",
        ("Programme", Programme), ("Area", Area), ("Status", Status),
        ("From", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("To", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("Sort", Sort), ("Dir", Dir), ("Rag", Rag), ("Open", Open ? "true" : null));

    public string PageUrl(int page) => Links.With(("p", page.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Sorting by a column: ascending first, then the other way round.</summary>
    public string SortUrl(string key) => Links.With(("Sort", key), ("Dir", Sort == key && Dir != "desc" ? "desc" : null));

    public string? AriaSort(string key) => Sort == key ? (Dir == "desc" ? "descending" : "ascending") : null;

    /// <summary>The MOJ filter's "selected filters": each chosen filter in words with the address that removes it.</summary>
    public IEnumerable<(string Heading, string Text, string Without)> SelectedFilters()
    {
        string Without(string key) => Links.With((key, null));
        if (!string.IsNullOrWhiteSpace(Programme)) yield return ("Programme", Programmes.Offered.FirstOrDefault(p => p.Code == Programme)?.Name ?? Programme, Without("Programme"));
        if (!string.IsNullOrWhiteSpace(Area)) yield return ("Business area", Areas.FirstOrDefault(a => a.Code == Area)?.Name ?? Area, Without("Area"));
        if (PortfolioWords.ParseStatus(Status) is { } status) yield return ("Status", PortfolioWords.Status(status), Without("Status"));
        if (From is { } from) yield return ("Due from", Web.Infrastructure.Display.Date(from), Without("From"));
        if (To is { } to) yield return ("Due to", Web.Infrastructure.Display.Date(to), Without("To"));
        if (!string.IsNullOrWhiteSpace(Rag)) yield return ("RAG", Rag.Equals("None", StringComparison.OrdinalIgnoreCase) ? "Not scored" : Rag, Without("Rag"));
        if (Open) yield return ("Gates", "Not complete", Without("Open"));
    }

    public string ExportUrl(string handler) => Links.With(("handler", handler));

    /// <summary>This person's feed of one programme (the programmes on this page are offered; all of them on the feeds page).</summary>
    public string FeedUrl(string code) => feeds.Url(User, "programme", code);

    /// <summary>The programmes of the rows shown, once each, in the order they first appear.</summary>
    public IEnumerable<PortfolioChoice> ProgrammesShown() =>
        Result.Rows.Select(r => new PortfolioChoice(r.ProgrammeCode, r.ProgrammeName)).DistinctBy(p => p.Code);
}
