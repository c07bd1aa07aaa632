using Readiness.Core.Admin;

namespace Readiness.Web.Pages.Admin;

/// <summary>Every business area's training capacity this week and heatmap change tolerance, each linking to the area's capacity page.</summary>
public class CapacityModel(CapacityQueries queries) : AdminPageModel
{
    public IReadOnlyList<CapacityListRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await queries.ListAsync(ct);

    public static string SourceWords(ToleranceSource source, string code) => source switch
    {
        ToleranceSource.Database => "set here",
        ToleranceSource.AreaSetting => $"configuration (Heatmap:AreaTolerances:{code})",
        _ => "configuration (Heatmap:Tolerance)",
    };
}
