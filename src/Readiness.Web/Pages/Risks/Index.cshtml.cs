using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Core.Risks;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Risks;

/// <summary>The risk register: filtered, sorted and paged, with the 5 × 5 matrix of the same filter; exports to CSV and Excel.</summary>
public class IndexModel(RiskQueries risks, RiskViews views, Actor actor, ReadinessClock clock, IOptions<RiskOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public RiskLevel? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Release { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true, Name = "L")] public int? Likelihood { get; set; }
    [BindProperty(SupportsGet = true, Name = "I")] public int? Impact { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Dir { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public RiskListPage Result { get; private set; } = null!;
    public DateOnly Today => clock.Today;
    public bool CanAdd => RiskAccess.CanAdd(actor);
    public int Threshold => options.Value.AcknowledgeFromScore;

    public bool Filtered => !string.IsNullOrWhiteSpace(Status) || Level is not null || !string.IsNullOrWhiteSpace(Release) || !string.IsNullOrWhiteSpace(Area)
        || Mine || Likelihood is not null || Impact is not null;

    public IReadOnlyList<PortfolioChoice> ReleaseChoices { get; private set; } = [];
    public IReadOnlyList<PortfolioChoice> AreaChoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ChooseAsync(ct);
        Result = await risks.PageAsync(Filter(), ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await ChooseAsync(ct);
        return this.Download(RiskExports.Csv(await risks.ExportAsync(Filter() with { Page = 1 }, ct)), Downloads.Csv, FileName("csv"));
    }

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken ct)
    {
        await ChooseAsync(ct);
        return this.Download(RiskExports.Excel(await risks.ExportAsync(Filter() with { Page = 1 }, ct)), Downloads.Excel, FileName("xlsx"));
    }

    /// <summary>The release and area boxes take a code or a name: both become the code.</summary>
    private async Task ChooseAsync(CancellationToken ct)
    {
        (ReleaseChoices, AreaChoices) = await views.FilterChoicesAsync(ct);
        Release = Infrastructure.Choices.CodeOf(Release, ReleaseChoices);
        Area = Infrastructure.Choices.CodeOf(Area, AreaChoices);
    }

    private RiskFilter Filter() => new(Status, Level, Release, Area, Mine ? actor.UserId : null,
        Likelihood is >= 1 and <= 5 ? Likelihood : null, Impact is >= 1 and <= 5 ? Impact : null,
        RiskQueries.SortKeys.Contains(Sort) ? Sort : null, Dir == "desc", PageNumber);

    private string FileName(string ext) => $"risk-register-{clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{ext}";

    private QueryLinks? _links;

    /// <summary>This page's filters, sort and direction as its links carry them, encoded once a request (<see cref="QueryLinks"/>).</summary>
    private QueryLinks Links => _links ??= new QueryLinks("/Risks",
        ("Status", Status), ("Level", Level?.ToString()), ("Release", Release), ("Area", Area), ("Mine", Mine ? "true" : null),
        ("L", Likelihood?.ToString(CultureInfo.InvariantCulture)), ("I", Impact?.ToString(CultureInfo.InvariantCulture)), ("Sort", Sort), ("Dir", Dir));

    private string With(params (string Key, string? Value)[] changes) => Links.With(changes);

    public string PageUrl(int page) => With(("p", page.ToString(CultureInfo.InvariantCulture)));

    public string SortUrl(string key) => With(("Sort", key), ("Dir", Sort == key && Dir != "desc" ? "desc" : null));

    public string? AriaSort(string key) => Sort == key ? (Dir == "desc" ? "descending" : "ascending") : null;

    public string CellUrl(int likelihood, int impact) =>
        With(("L", likelihood.ToString(CultureInfo.InvariantCulture)), ("I", impact.ToString(CultureInfo.InvariantCulture)));

    public string ExportUrl(string handler) => With(("handler", handler));

    /// <summary>The MOJ filter's "selected filters": each chosen filter in words with the address that removes it.</summary>
    public IEnumerable<(string Heading, string Text, string Without)> SelectedFilters()
    {
        if (!string.IsNullOrWhiteSpace(Status)) yield return ("Status", Status == "All" ? "All, closed included" : Status, With(("Status", null)));
        if (Level is { } level) yield return ("Level", RiskScoring.Words(level), With(("Level", null)));
        if (!string.IsNullOrWhiteSpace(Release)) yield return ("Release", Release, With(("Release", null)));
        if (!string.IsNullOrWhiteSpace(Area)) yield return ("Business area", AreaChoices.FirstOrDefault(a => a.Code == Area)?.Name ?? Area, With(("Area", null)));
        if (Mine) yield return ("Owner", "Mine", With(("Mine", null)));
        if (Likelihood is not null || Impact is not null)
            yield return ("Matrix cell", $"Likelihood {Likelihood?.ToString(CultureInfo.InvariantCulture) ?? "any"}, impact {Impact?.ToString(CultureInfo.InvariantCulture) ?? "any"}", With(("L", null), ("I", null)));
    }
}
