using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Readiness.Core.Identity;
using Readiness.Core.People;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Account;

/// <summary>
/// Where the organisation's identity provider sends a person back: their identity (held in Identity's external cookie)
/// provisions or links their Readiness account and updates the roles their groups map to, then they are signed in
/// to Readiness with the provider's id token kept for signing out.
/// </summary>
public class ExternalSignInModel(ExternalSignIns signIns, SignInManager<ReadinessUser> signInManager, IOptions<ReadinessAuthenticationOptions> options) : PageModel
{
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, CancellationToken ct)
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is not { } principal) return RedirectToPage("SignIn");
        var oidc = options.Value.Oidc;
        var who = new ExternalIdentity(OidcServiceCollectionExtensions.Scheme,
            principal.FindFirst("sub")?.Value ?? "",
            principal.FindFirst("email")?.Value,
            string.Equals(principal.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase),
            principal.FindFirst("name")?.Value,
            principal.FindAll(oidc.RoleClaim).Select(c => c.Value).ToList());
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (who.Subject.Length == 0) return Refuse(ExternalSignIns.Refused);

        var result = await signIns.SignInAsync(who, oidc.GroupRoles, ct);
        if (!result.Succeeded) return Refuse(result.Failure!.Message);
        var properties = new AuthenticationProperties();
        properties.StoreTokens(external.Properties?.GetTokens() ?? []);
        await signInManager.SignInAsync(result.Value!, properties, OidcServiceCollectionExtensions.Scheme);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    private PageResult Refuse(string message)
    {
        Message = message;
        var page = Page();
        page.StatusCode = StatusCodes.Status403Forbidden;
        return page;
    }
}
