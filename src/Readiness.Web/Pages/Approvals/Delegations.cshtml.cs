using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Approvals;

/// <summary>Delegating one's decisions to a named person for a date range, and cancelling it.</summary>
[Authorize(Roles = $"{Roles.Bcm},{Roles.Sro}")]
public class DelegationsModel(Delegations delegations, Actor actor, ReadinessClock clock) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Choose who takes your decisions"), Display(Name = "Delegate to")]
    public string? ToUserId { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter the first day"), Display(Name = "From")]
    public DateOnly? StartsOn { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter the last day"), Display(Name = "Until (inclusive)")]
    public DateOnly? EndsOn { get; set; }

    public IReadOnlyList<DelegationRow> Rows { get; private set; } = [];
    public IReadOnlyList<Person> Candidates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        StartsOn ??= clock.Today;
        EndsOn ??= clock.Today.AddDays(7);
        await LoadAsync(ct);
    }

    /// <summary>The people who can take the decisions, as the searchable box offers them: "name (email)".</summary>
    public IReadOnlyList<PortfolioChoice> CandidateChoices => Candidates.Select(p => new PortfolioChoice(p.Id, $"{p.Name} ({p.Email})")).ToList();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            // The box sends the chosen "name (email)", a name or email typed, or an id: each names one candidate.
            Candidates = await delegations.CandidatesAsync(actor.UserId, ct);
            ToUserId = Choices.CodeOf(ToUserId, CandidateChoices);
            var result = await delegations.CreateAsync(actor, ToUserId!, StartsOn!.Value, EndsOn!.Value, HttpContext.Origin(), ct);
            if (result.Succeeded)
            {
                TempData["Flash"] = "Delegation saved. Decisions in that period go to your delegate.";
                return RedirectToPage();
            }
            this.Show(result.Failure!);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct)
    {
        var result = await delegations.CancelAsync(actor, id, HttpContext.Origin(), ct);
        if (!result.Succeeded) return NotFound();
        TempData["Flash"] = "Delegation cancelled.";
        return RedirectToPage();
    }


    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await delegations.ForAsync(actor.UserId, ct);
        Candidates = await delegations.CandidatesAsync(actor.UserId, ct);
    }
}
