using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Admin;

/// <summary>The standard gate of each kind: its name and offset from T0 (?edit=Kind), used when a release's standard gates are added.</summary>
public class GateKindsModel(GateKindAdmin admin, Actor actor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public GateKind? Edit { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public int? OffsetDays { get; set; }
    [BindProperty] public string? Stamp { get; set; }

    public IReadOnlyList<GateKindRow> Kinds { get; private set; } = [];

    public GateKindRow? Editing => Kinds.FirstOrDefault(k => k.Kind == Edit);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Kinds = await admin.ListAsync(ct);
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Edit is not { } kind) return NotFound();
        if (ModelState.IsValid)
        {
            var outcome = await admin.EditAsync(actor, kind, Name, OffsetDays, Stamp ?? "", Origin(), ct);
            if (Apply(outcome)) return Redirect("/Admin/GateKinds");
            if (IsMissing(outcome)) return NotFound();
            Kinds = await admin.ListAsync(ct);
            if (IsStale(outcome)) Fill();
            else Stamp = Editing?.Stamp;
            return Page();
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Kinds = await admin.ListAsync(ct);
        return Page();
    }

    private void Fill()
    {
        if (Editing is not { } k) return;
        (Name, OffsetDays, Stamp) = (k.Name, k.OffsetDays, k.Stamp);
    }
}
