using Readiness.Core.Admin;

namespace Readiness.Web.Pages.Admin;

/// <summary>The PMO's administration home: releases, business areas and questionnaire templates.</summary>
public class IndexModel(AdminQueries queries) : AdminPageModel
{
    public AdminIndex View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await queries.IndexAsync(ct);
}
