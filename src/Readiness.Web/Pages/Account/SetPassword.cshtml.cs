using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.People;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Account;

/// <summary>Where an invitation's link lands: the person chooses their password (once; the link then stops working).</summary>
[AllowAnonymous]
[DoNotCompress]
public class SetPasswordModel(PasswordSetting passwords) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Person { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirm { get; set; }

    public bool LinkWorks { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.ForTokenPage();
        LinkWorks = await passwords.LinkWorksAsync(Person, Token, ct);
        if (!LinkWorks) Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.ForTokenPage();
        var outcome = await passwords.SetAsync(Person, Token, Password, Confirm, HttpContext.Origin(), ct);
        if (outcome.Succeeded)
        {
            TempData["Flash"] = outcome.Value;
            return RedirectToPage("SignIn");
        }
        LinkWorks = outcome.Failure!.Kind != Core.Common.FailureKind.Forbidden;
        return this.Show(outcome.Failure) ?? Page();
    }
}
