using Readiness.Core.Admin;

namespace Readiness.Web.Pages.Admin;

/// <summary>The PMO's administration home: programmes, releases, business areas and questionnaire templates.</summary>
public class IndexModel(AdminQueries queries, ProgrammeAdmin programmes) : AdminPageModel
{
    public AdminIndex View { get; private set; } = null!;
    public IReadOnlyList<ProgrammeRow> Programmes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await queries.IndexAsync(ct);
        Programmes = await programmes.ListAsync(ct);
    }
}
