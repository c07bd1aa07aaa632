using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Risks;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Risks;

/// <summary>One risk, for everyone signed in: cause → event → effect, its place on the matrix, controls, actions and score history.
/// Whoever may edit it adds actions here; an action is marked done by them or by its own owner.</summary>
public class ViewModel(RiskViews views, RiskCommands commands, Actor actor, ReadinessClock clock) : PageModel
{
    [BindProperty] public RiskActionForm NewAction { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public RiskView Data { get; private set; } = null!;
    public RiskChoices Choices { get; private set; } = null!;
    public ReadinessClock Clock => clock;

    public sealed class RiskActionForm
    {
        public string? Description { get; set; }
        public string? OwnerUserId { get; set; }
        public DateOnly? DueOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        NewAction.DueOn ??= clock.Today.AddDays(14);
        NewAction.OwnerUserId ??= Data.OwnerUserId;
        return Page();
    }

    public async Task<IActionResult> OnPostActionAsync(int id, CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await commands.AddActionAsync(actor, id, new RiskActionInput(NewAction.Description, NewAction.OwnerUserId, NewAction.DueOn), Version, HttpContext.Origin(), ct);
        return await AfterAsync(id, outcome, "NewAction", ct);
    }

    public async Task<IActionResult> OnPostDoneAsync(int id, int actionId, CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await commands.CompleteActionAsync(actor, id, actionId, Version, HttpContext.Origin(), ct);
        return await AfterAsync(id, outcome, null, ct);
    }

    private async Task<IActionResult> AfterAsync(int id, Result<string> outcome, string? prefix, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            TempData["Flash"] = outcome.Value;
            return Redirect($"/Risks/{id}");
        }
        if (this.Refusal(outcome.Failure) is { } refused) return refused;
        this.Show(outcome.Failure!, outcome.Failure!.Kind == FailureKind.Invalid ? prefix : null);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var data = await views.ForAsync(actor, id, ct);
        if (data is null) return false;
        Data = data;
        Version = data.Version;
        if (data.CanEdit) Choices = await views.ChoicesAsync(ct);
        return true;
    }
}
