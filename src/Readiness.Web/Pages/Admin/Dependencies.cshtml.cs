using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

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

    /// <summary>The other releases, as the searchable box offers them: "name (code, go-live date)".</summary>
    public IReadOnlyList<PortfolioChoice> ReleaseChoices => Releases.Select(r => new PortfolioChoice(r.Code, $"{r.Name} ({r.Code}, go-live {Display.Date(r.GoLive)})")).ToList();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The box sends what was typed or chosen: a code, or a choice's text, either of which names the release.
        if (!await LoadAsync(ct)) return NotFound();
        DependsOnCode = Choices.CodeOf(DependsOnCode, ReleaseChoices);
        return await AfterAsync(await admin.AddAsync(actor, Code, DependsOnCode, Note, Origin(), ct), ct);
    }

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
        Releases = (await queries.ReleaseChoicesAsync(ct)).Where(r => r.Code != Code).ToList();
        return true;
    }
}
