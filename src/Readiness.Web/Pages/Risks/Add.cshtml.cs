using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Risks;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Risks;

/// <summary>What the add and edit pages share: the form, its choices, and a use case's failure put on the form's fields.</summary>
public abstract class RiskFormPage(RiskViews views) : PageModel
{
    [BindProperty] public RiskForm Form { get; set; } = new();

    public RiskChoices Choices { get; private set; } = null!;

    protected RiskViews Views { get; } = views;

    protected async Task<IActionResult> PageWithAsync(CancellationToken ct)
    {
        Choices = await Views.ChoicesAsync(ct);
        return Page();
    }

    /// <summary>Forbidden and not found have nothing to show; any other failure is shown on the form (a stale one with the newer values).</summary>
    protected IActionResult? Refused(Failure failure) => this.Refusal(failure);
}

/// <summary>Adds a risk to the register (the PMO and SROs). <c>?release=CODE</c> links it to that release from the start.</summary>
public class AddModel(RiskViews views, RiskCommands commands, Actor actor, ReadinessClock clock) : RiskFormPage(views)
{
    public async Task<IActionResult> OnGetAsync(string? release, CancellationToken ct)
    {
        if (!RiskAccess.CanAdd(actor)) return StatusCode(StatusCodes.Status403Forbidden);
        Form = new RiskForm
        {
            Level = release is null ? RiskLevel.Portfolio : RiskLevel.Release, Releases = release, OwnerUserId = actor.UserId, Status = RiskStatus.Open,
            Proximity = RiskProximity.OneToThreeMonths, ReviewOn = clock.Today.AddDays(28),
        };
        return await PageWithAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear(); // what was posted is shown from the form; the use case says what is wrong
        var outcome = await commands.AddAsync(actor, Form.ToInput(), HttpContext.Origin(), ct);
        if (outcome.Succeeded)
        {
            TempData["Flash"] = $"{RiskScoring.Reference(outcome.Value)} added to the register.";
            return Redirect($"/Risks/{outcome.Value}");
        }
        if (Refused(outcome.Failure!) is { } refused) return refused;
        this.Show(outcome.Failure!, "Form");
        return await PageWithAsync(ct);
    }
}
