using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Account;

public class SignInModel(SignInManager<ReadinessUser> signIn) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your email address"), EmailAddress(ErrorMessage = "Enter an email address like name@example.org"), Display(Name = "Email address")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your password"), DataType(DataType.Password), Display(Name = "Password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            ModelState.AddModelError(nameof(Email), result.IsLockedOut
                ? "Too many failed attempts: this account is locked for a few minutes."
                : "The email address or password is not right.");
        }
        return Page();
    }
}
