using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;

namespace Readiness.Web.Pages.Admin;

/// <summary>
/// The PMO's administration home: one search over programmes and releases, a page of releases at a time, the business
/// areas and the questionnaire templates.
/// </summary>
public class IndexModel(AdminQueries queries, ProgrammeAdmin programmes) : AdminPageModel
{
    /// <summary>How many programmes the home lists before asking for a search.</summary>
    public const int ProgrammesShown = 30;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public AdminIndex View { get; private set; } = null!;
    public IReadOnlyList<ProgrammeRow> Programmes { get; private set; } = [];
    public int ProgrammeTotal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await queries.IndexAsync(Search, PageNumber, ct);
        (Programmes, ProgrammeTotal) = await programmes.ListAsync(Search, ProgrammesShown, ct);
    }
}
