using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages.Account;

public class SignOutModel(SignInManager<ReadinessUser> signIn, Microsoft.Extensions.Options.IOptions<Web.Infrastructure.ReadinessAuthenticationOptions> authentication) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    /// <summary>Signs out of Readiness and, for a person who came through the organisation's provider, of the provider too (end-session).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (session.Properties?.GetTokenValue("id_token") is not null && authentication.Value.OidcEnabled)
            return SignOut(new AuthenticationProperties { RedirectUri = "/Account/SignIn" }, IdentityConstants.ApplicationScheme, Web.Infrastructure.OidcServiceCollectionExtensions.Scheme);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
