using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Releases;

/// <summary>
/// The release page, in tabs that are pages of their own (Overview, Returns, Decision pack, Lead indicators,
/// Workflow, Audit): one read model from Core (<see cref="ReleasePages"/>) loads the tab asked for.
/// </summary>
public class DetailsModel(ReleasePages pages, Actor actor, ReadinessClock clock) : PageModel
{
    /// <summary>The tabs as their addresses name them ("" is the overview).</summary>
    public static readonly IReadOnlyList<(ReleaseTab Tab, string Segment, string Text)> Tabs =
    [
        (ReleaseTab.Overview, "", "Overview"),
        (ReleaseTab.Returns, "Returns", "Returns"),
        (ReleaseTab.Pack, "Pack", "Decision pack"),
        (ReleaseTab.Indicators, "Indicators", "Lead indicators"),
        (ReleaseTab.Benefits, "Benefits", "Benefits"),
        (ReleaseTab.Review, "Review", "Post-go-live review"),
        (ReleaseTab.Workflow, "Workflow", "Workflow"),
        (ReleaseTab.Audit, "Audit", "Audit"),
    ];

    public ReleasePage Data { get; private set; } = null!;
    public DateOnly Today => clock.Today;
    public ReadinessClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(string code, string? tab, CancellationToken ct)
    {
        var match = Tabs.FirstOrDefault(t => string.Equals(t.Segment, tab ?? "", StringComparison.OrdinalIgnoreCase));
        if (match.Text is null) return NotFound();
        var data = await pages.ForAsync(code, match.Tab, actor, ct);
        if (data is null) return NotFound();
        Data = data;
        return Page();
    }

    public SubNavigation Navigation => new("Release sections", Tabs.Select(t => new SubNavItem(t.Text,
        t.Segment.Length == 0 ? $"/Releases/{Data.Release.Code}" : $"/Releases/{Data.Release.Code}/{t.Segment}", t.Tab == Data.Tab)).ToList());

    public string TabTitle => Tabs.First(t => t.Tab == Data.Tab).Text;
}
