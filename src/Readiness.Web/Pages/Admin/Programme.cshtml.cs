using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages.Admin;

/// <summary>Create a programme (no code in the route) or rename one and change its description.</summary>
public class ProgrammeModel(ProgrammeAdmin admin, Actor actor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? NewCode { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Stamp { get; set; }

    public ProgrammeRow? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(fill: true, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new ProgrammeInput(NewCode ?? "", Name ?? "", Description ?? "");
        var outcome = Code is null ? await admin.CreateAsync(actor, input, Origin(), ct) : await admin.EditAsync(actor, Code, input, Stamp ?? "", Origin(), ct);
        if (Apply(outcome)) return Redirect("/Admin#programmes");
        return !IsMissing(outcome) && await LoadAsync(fill: IsStale(outcome), ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(bool fill, CancellationToken ct)
    {
        if (Code is null) return true;
        Current = await admin.GetAsync(Code, ct);
        if (Current is null) return false;
        if (fill) (Name, Description, Stamp) = (Current.Name, Current.Description, Current.Stamp);
        else Stamp = Current.Stamp;
        return true;
    }
}
