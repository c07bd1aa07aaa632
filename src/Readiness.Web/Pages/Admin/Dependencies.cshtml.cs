using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.Common;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages.Admin;

/// <summary>The releases one release depends on (must be live before its go-live): add with a note, or remove.</summary>
public class DependenciesModel(AdminQueries queries, DependencyAdmin admin, Actor actor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public string? DependsOnCode { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Stamp { get; set; }

    public ReleaseEditView Release { get; private set; } = null!;
    public IReadOnlyList<DependencyRow> Dependencies { get; private set; } = [];
    public IReadOnlyList<AdminReleaseRow> Releases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        await AfterAsync(await admin.AddAsync(actor, Code, DependsOnCode, Note, Origin(), ct), ct);

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct) =>
        await AfterAsync(await admin.RemoveAsync(actor, Code, id, Stamp ?? "", Origin(), ct), ct);

    private async Task<IActionResult> AfterAsync(Result<string> outcome, CancellationToken ct)
    {
        if (Apply(outcome)) return Redirect($"/Admin/Releases/{Code}/Dependencies");
        return !IsMissing(outcome) && await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var release = await queries.ReleaseAsync(Code, ct);
        if (release is null) return false;
        Release = release;
        Dependencies = await admin.ListAsync(Code, ct);
        Releases = (await queries.IndexAsync(ct)).Releases.Where(r => r.Code != Code).ToList();
        return true;
    }
}
