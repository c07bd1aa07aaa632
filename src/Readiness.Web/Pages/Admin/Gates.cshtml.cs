using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Admin;

public sealed class GateForm
{
    public GateKind Kind { get; set; }
    public string? Name { get; set; }
    public int? OffsetDays { get; set; }
    public string? WorkflowDefinitionId { get; set; }
}

/// <summary>A release's gates: offsets from T0, names and workflow variants; one form at a time (add, or edit ?edit=id).</summary>
public class GatesModel(AdminQueries queries, ReleaseAdmin admin, Actor actor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int? Edit { get; set; }
    [BindProperty] public GateForm Gate { get; set; } = new();
    [BindProperty] public string? Stamp { get; set; }

    public ReleaseEditView Release { get; private set; } = null!;
    public IReadOnlyList<GateEditRow> Gates { get; private set; } = [];
    public IReadOnlyList<string> Workflows { get; private set; } = [];

    /// <summary>Set when editing a gate whose kind can no longer change: the reason, shown instead of a choice.</summary>
    public string? KindLocked { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Edit is { } id && Gates.FirstOrDefault(g => g.Id == id) is { } g)
        {
            Gate = new GateForm { Kind = g.Kind, Name = g.Name, OffsetDays = g.OffsetDays, WorkflowDefinitionId = g.WorkflowDefinitionId };
            Stamp = g.Stamp;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new GateInput(Gate.Kind, Gate.Name ?? "", Gate.OffsetDays, Gate.WorkflowDefinitionId);
        if (ModelState.IsValid)
        {
            var outcome = Edit is { } id ? await admin.EditGateAsync(actor, id, input, Stamp ?? "", Origin(), ct) : await admin.AddGateAsync(actor, Code, input, Origin(), ct);
            if (Apply(outcome, "Gate")) return Redirect($"/Admin/Releases/{Code}/Gates");
            if (IsMissing(outcome)) return NotFound();
            if (!await LoadAsync(ct)) return NotFound();
            if (IsStale(outcome) && Gates.FirstOrDefault(g => g.Id == Edit) is { } g)
            {
                Gate = new GateForm { Kind = g.Kind, Name = g.Name, OffsetDays = g.OffsetDays, WorkflowDefinitionId = g.WorkflowDefinitionId };
                Stamp = g.Stamp;
            }
            return Page();
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostStandardAsync(CancellationToken ct)
    {
        var outcome = await admin.AddStandardGatesAsync(actor, Code, Origin(), ct);
        if (Apply(outcome)) return Redirect($"/Admin/Releases/{Code}/Gates");
        return !IsMissing(outcome) && await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var release = await queries.ReleaseAsync(Code, ct);
        if (release is null) return false;
        Release = release;
        Gates = await queries.GatesAsync(Code, ct);
        Workflows = await queries.WorkflowIdsAsync(ct);
        KindLocked = Edit is { } id ? await queries.GateKindLockAsync(id, ct) : null;
        return true;
    }
}
