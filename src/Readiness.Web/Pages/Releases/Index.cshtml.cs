using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Readiness.Core.Common;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Releases;

/// <summary>Every release, a page at a time: soonest go-live first, or sorted by a column; optionally one programme's.</summary>
public class IndexModel(ReleaseQueries releases, PortfolioChoices choices, ReadinessClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Dir { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public ReleaseList Result { get; private set; } = new([], 1, ReleaseQueries.PageSize, 0);
    public IReadOnlyList<ReleaseSummary> Items => Result.Items;
    public ProgrammeOffer Programmes { get; private set; } = new([], 0);
    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Programmes = await choices.ProgrammesAsync(Programme, ct);
        Programme = Choices.CodeOf(Programme, Programmes.Offered);
        Result = await releases.PageAsync(Programme, ReleaseQueries.SortKeys.Contains(Sort) ? Sort : null, Dir == "desc", PageNumber, ct);
    }

    private string ListUrl(string? sort, string? dir, int page) => QueryHelpers.AddQueryString("/Releases", new Dictionary<string, string?>
    {
        ["Programme"] = Programme, ["Sort"] = sort, ["Dir"] = dir, ["p"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    public string PageUrl(int page) => ListUrl(Sort, Dir, page);

    /// <summary>Sorting by a column: ascending first, then the other way round (back to page 1).</summary>
    public string SortUrl(string key) => ListUrl(key, Sort == key && Dir != "desc" ? "desc" : null, 1);

    public string AriaSort(string key) => (Sort ?? "t0") == key ? (Dir == "desc" ? "descending" : "ascending") : "none";
}
