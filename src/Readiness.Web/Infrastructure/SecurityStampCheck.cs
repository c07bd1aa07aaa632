using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Identity's security-stamp check, asked only when it is due. Identity's own handler resolves its validator on every
/// request, which builds a SignInManager, a UserManager and their stores and metrics, and only then finds that the
/// interval has not passed: a fiftieth of every signed-in page. The test of the interval here is Identity's own
/// (a cookie with no issue time, or issued longer ago than the interval, on Identity's clock); when it is due,
/// Identity's handler decides as before.
/// </summary>
public static class SecurityStampCheck
{
    public static Task WhenDueAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
