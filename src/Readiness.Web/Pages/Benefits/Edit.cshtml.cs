using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Benefits;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Benefits;

/// <summary>
/// Add a benefit (no id) or change one: the PMO, or a BCM for a benefit they own. The form carries the version it was
/// opened on, so a benefit changed by someone else meanwhile is shown again with their changes, never overwritten.
/// </summary>
public class EditModel(BenefitQueries queries, BenefitCommands commands, Actor actor) : PageModel
{
    [BindProperty] public int ProgrammeId { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public BenefitKind Kind { get; set; }
    [BindProperty] public string? Measure { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public decimal? Baseline { get; set; }
    [BindProperty] public decimal? Target { get; set; }
    [BindProperty] public string? OwnerUserId { get; set; }
    [BindProperty] public int? LeadIndicatorId { get; set; }
    [BindProperty] public string? Releases { get; set; }
    [BindProperty] public string? Areas { get; set; }
    [BindProperty] public string? Profile { get; set; }
    [BindProperty] public int Version { get; set; }

    public int? Id { get; private set; }
    public BenefitChoices Choices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            if (!BenefitAccess.CanAdd(actor)) return Forbid();
            OwnerUserId = actor.IsIn(Roles.Pmo) ? null : actor.UserId;
        }
        else if (await LoadAsync(id.Value, ct) is { } refused) return refused;
        Choices = await queries.ChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (ModelState.IsValid)
        {
            var input = new BenefitInput(ProgrammeId, Code, Name, Description, Kind, Measure, Unit, Baseline, Target, OwnerUserId, LeadIndicatorId, Releases ?? "", Areas ?? "", Profile ?? "");
            var result = id is null ? await commands.AddAsync(actor, input, HttpContext.Origin(), ct) : await commands.EditAsync(actor, id.Value, Version, input, HttpContext.Origin(), ct);
            if (result.Succeeded)
            {
                TempData["Flash"] = id is null ? "Benefit added." : "Benefit saved.";
                return Redirect($"/Benefits/{result.Value}");
            }
            if (this.Refusal(result.Failure) is { } refused) return refused;
            if (result.Failure!.Kind == FailureKind.Stale)
            {
                // Someone else's version is shown, with the message: the person makes their change again on it.
                ModelState.Clear();
                if (await LoadAsync(id!.Value, ct) is { } gone) return gone;
            }
            this.Show(result.Failure);
        }
        else Response.StatusCode = StatusCodes.Status400BadRequest;
        Choices = await queries.ChoicesAsync(ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var result = await queries.GetAsync(actor, id, ct);
        if (!result.Succeeded) return NotFound();
        if (!result.Value!.CanEdit) return Forbid();
        var i = result.Value.ToInput();
        (ProgrammeId, Code, Name, Description, Kind, Measure, Unit, Baseline, Target, OwnerUserId, LeadIndicatorId, Releases, Areas, Profile, Version) =
            (i.ProgrammeId, i.Code, i.Name, i.Description, i.Kind, i.Measure, i.Unit, i.Baseline, i.Target, i.OwnerUserId, i.LeadIndicatorId, i.ReleaseCodes, i.AreaCodes, i.Profile, result.Value.Version);
        return null;
    }
}
