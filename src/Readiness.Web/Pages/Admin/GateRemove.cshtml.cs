using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages.Admin;

/// <summary>
/// Confirms the removal of a gate: the GET only shows what would go (or why the gate must stay); the removal is a POST
/// with antiforgery, a ticked confirmation and the stamp of what was shown.
/// </summary>
public class GateRemoveModel(AdminQueries queries, ReleaseAdmin admin, Actor actor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public bool Confirm { get; set; }
    [BindProperty] public string? Stamp { get; set; }

    public ReleaseEditView Release { get; private set; } = null!;

    /// <summary>Null when the gate is gone (removed by someone else while this page was open).</summary>
    public GateRemovalView? Removal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Removal is null) return NotFound();
        Stamp = Removal.Stamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await admin.RemoveGateAsync(actor, Id, Stamp ?? "", Confirm, Origin(), ct);
        if (Apply(outcome)) return Redirect($"/Admin/Releases/{Code}/Gates");
        if (!await LoadAsync(ct)) return NotFound();
        // A stale or refused confirmation is never reused: the page shows what removing would do now, and the box
        // (never pre-ticked) must be ticked again against the new stamp.
        Stamp = Removal?.Stamp;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var release = await queries.ReleaseAsync(Code, ct);
        if (release is null) return false;
        Release = release;
        Removal = await queries.GateRemovalAsync(Code, Id, ct);
        return true;
    }
}
