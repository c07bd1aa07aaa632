using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Admin;

public sealed class ImpactForm
{
    public string? AreaCode { get; set; }
    public int? Headcount { get; set; }
    public ImpactLevel Level { get; set; } = ImpactLevel.Medium;
    public decimal? TrainingHoursPerPerson { get; set; }
    public int? HypercareWeeks { get; set; }
}

/// <summary>The areas a release impacts: add (creates the area's readiness return), edit (?edit=id) or remove.</summary>
public class ImpactsModel(AdminQueries queries, ImpactAdmin admin, Actor actor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int? Edit { get; set; }
    [BindProperty] public ImpactForm Impact { get; set; } = new();
    [BindProperty] public string? Stamp { get; set; }

    public ReleaseEditView Release { get; private set; } = null!;
    public IReadOnlyList<ImpactEditRow> Impacts { get; private set; } = [];
    public IReadOnlyList<AdminAreaRow> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Edit is { } id) Fill(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new ImpactInput(Impact.AreaCode ?? "", Impact.Headcount, Impact.Level, Impact.TrainingHoursPerPerson, Impact.HypercareWeeks);
        if (!ModelState.IsValid)
        {
            CollectErrors();
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        var outcome = Edit is { } id ? await admin.EditAsync(actor, id, input, Stamp ?? "", Origin(), ct) : await admin.AddAsync(actor, Code, input, Origin(), ct);
        return await AfterAsync(outcome, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct) =>
        await AfterAsync(await admin.RemoveAsync(actor, id, Stamp ?? "", Origin(), ct), ct);

    private async Task<IActionResult> AfterAsync(Result<string> outcome, CancellationToken ct)
    {
        if (Apply(outcome, "Impact")) return Redirect($"/Admin/Releases/{Code}/Impacts");
        if (IsMissing(outcome) || !await LoadAsync(ct)) return NotFound();
        if (IsStale(outcome) && Edit is { } id) Fill(id);
        return Page();
    }

    private void Fill(int id)
    {
        if (Impacts.FirstOrDefault(i => i.Id == id) is not { } i) return;
        Impact = new ImpactForm { AreaCode = i.AreaCode, Headcount = i.Headcount, Level = i.Level, TrainingHoursPerPerson = i.TrainingHoursPerPerson, HypercareWeeks = i.HypercareWeeks };
        Stamp = i.Stamp;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var release = await queries.ReleaseAsync(Code, ct);
        if (release is null) return false;
        Release = release;
        Impacts = await queries.ImpactsAsync(Code, ct);
        Areas = await queries.AreasAsync(ct);
        return true;
    }
}
