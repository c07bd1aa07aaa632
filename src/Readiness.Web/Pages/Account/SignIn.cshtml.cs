using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Account;

public class SignInModel(SignInManager<ReadinessUser> signIn, SignInThrottle throttle, IOptions<ReadinessAuthenticationOptions> authentication) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email address"), EmailAddress(ErrorMessage = "Enter an email address like name@example.org"), Display(Name = "Email address")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your password"), DataType(DataType.Password), Display(Name = "Password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public ReadinessAuthenticationOptions Authentication => authentication.Value;

    /// <summary>Set when the provider sent the person back with an error (e.g. they cancelled, or its token was refused).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Failed { get; set; }

    public void OnGet()
    {
        if (Failed is not null) ModelState.AddModelError("", "Signing in with " + Authentication.Oidc.DisplayName + " did not work. Try again, or ask the PMO.");
    }

    /// <summary>"Sign in with …": off to the organisation's provider, back through /Account/ExternalSignIn.</summary>
    public IActionResult OnPostOidc()
    {
        if (!Authentication.OidcEnabled) return NotFound();
        var back = Url.Page("/Account/ExternalSignIn", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" });
        return Challenge(new AuthenticationProperties { RedirectUri = back }, OidcServiceCollectionExtensions.Scheme);
    }

    /// <summary>
    /// One answer for every refusal — wrong password, unknown address, locked or throttled account — so the page never
    /// tells whether an account exists or is locked.
    /// </summary>
    public const string Refusal = "The email address or password is not right, or there have been too many attempts. Check them, or wait a few minutes and try again.";

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Authentication.LocalPasswords) return NotFound();
        if (ModelState.IsValid)
        {
            var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var account = Email.Trim().ToUpperInvariant();
            if (throttle.MayTry(client, account))
            {
                var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
                throttle.Failed(client, account);
            }
            else Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError(nameof(Email), Refusal);
        }
        return Page();
    }
}
