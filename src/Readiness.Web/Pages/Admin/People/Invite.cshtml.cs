using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Readiness.Core.Identity;
using Readiness.Core.People;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Admin.People;

/// <summary>
/// Invites a person: with password sign-in, they are emailed a single-use link to set their password; with the
/// organisation's provider only, the account is made ready and linked by email at their first sign-in.
/// </summary>
public class InviteModel(PeopleAdmin admin, Actor actor, IOptions<ReadinessAuthenticationOptions> authentication) : AdminPageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];

    public bool WithPasswordLink => authentication.Value.LocalPasswords;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await admin.InviteAsync(actor, new InviteInput(Email, DisplayName, Roles), WithPasswordLink, Origin(), ct);
        if (!outcome.Succeeded)
        {
            this.Show(outcome.Failure!);
            return Page();
        }
        TempData["Flash"] = WithPasswordLink
            ? $"{DisplayName} has been invited: they have been emailed a link to set their password."
            : $"{DisplayName} has been invited: they sign in with the organisation's account.";
        return Redirect($"/Admin/People/{outcome.Value}");
    }
}
