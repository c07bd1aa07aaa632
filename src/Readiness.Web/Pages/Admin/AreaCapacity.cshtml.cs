using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.Common;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages.Admin;

public sealed class CapacityForm
{
    public DateOnly? FromWeek { get; set; }
    public decimal? HoursPerWeek { get; set; }
    public decimal? BauSharePercent { get; set; }
}

public sealed class ToleranceForm
{
    public decimal? ChangeTolerance { get; set; }
}

/// <summary>One area's training capacity history (add from a week, change a row with ?edit=id, remove) and its change tolerance.</summary>
public class AreaCapacityModel(CapacityQueries queries, CapacityAdmin admin, Actor actor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int? Edit { get; set; }
    [BindProperty] public CapacityForm Capacity { get; set; } = new();
    [BindProperty] public ToleranceForm Tolerance { get; set; } = new();
    [BindProperty] public string? HistoryStamp { get; set; }
    [BindProperty] public string? ToleranceStamp { get; set; }

    public AreaCapacityView Area { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(fillTolerance: true, ct)) return NotFound();
        FillEdit();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A value that is not a number or a date is refused on its field by model binding; nothing is saved.
        if (!ModelState.IsValid) return await NotBoundAsync(fillTolerance: true, ct);
        var input = new CapacityInput(Capacity.FromWeek, Capacity.HoursPerWeek, Capacity.BauSharePercent);
        return await AfterAsync(await admin.SetCapacityAsync(actor, Code, input, HistoryStamp ?? "", Origin(), ct), "Capacity", ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct) =>
        await AfterAsync(await admin.RemoveCapacityAsync(actor, Code, id, HistoryStamp ?? "", Origin(), ct), null, ct);

    public async Task<IActionResult> OnPostToleranceAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await NotBoundAsync(fillTolerance: false, ct);
        return await AfterAsync(await admin.SetToleranceAsync(actor, Code, Tolerance.ChangeTolerance, ToleranceStamp ?? "", Origin(), ct), "Tolerance", ct);
    }

    private async Task<IActionResult> AfterAsync(Result<string> outcome, string? prefix, CancellationToken ct)
    {
        if (Apply(outcome, prefix)) return Redirect($"/Admin/Areas/{Code}/Capacity");
        if (IsMissing(outcome) || !await LoadAsync(fillTolerance: IsStale(outcome) || prefix != "Tolerance", ct)) return NotFound();
        if (IsStale(outcome)) FillEdit();
        return Page();
    }

    private async Task<IActionResult> NotBoundAsync(bool fillTolerance, CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(fillTolerance, ct) ? Page() : NotFound();
    }

    private void FillEdit()
    {
        if (Edit is not { } id || Area.History.FirstOrDefault(h => h.Id == id) is not { } row) return;
        Capacity = new CapacityForm { FromWeek = row.FromWeek, HoursPerWeek = row.HoursPerWeek, BauSharePercent = row.BauSharePercent };
    }

    /// <summary>Loads the area; the stamps are always those of what the page now shows, so a save after a stale refusal compares with it.</summary>
    private async Task<bool> LoadAsync(bool fillTolerance, CancellationToken ct)
    {
        var area = await queries.AreaAsync(Code, ct);
        if (area is null) return false;
        Area = area;
        HistoryStamp = area.HistoryStamp;
        ToleranceStamp = area.ToleranceStamp;
        if (fillTolerance) Tolerance = new ToleranceForm { ChangeTolerance = area.OwnTolerance };
        return true;
    }
}
