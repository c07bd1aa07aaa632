using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Readiness.Core.Identity;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Puts the person's display name in their sign-in cookie beside Identity's claims (whose name is the email address),
/// so the header says "Signed in as Simon Fairweather" without a query on every page. Password and provider sign-ins
/// both come through here, and the security stamp check renews the cookie every minute, so a rename shows within a minute.
/// </summary>
public sealed class DisplayNameClaims(UserManager<ReadinessUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ReadinessUser, IdentityRole>(users, roles, options)
{
    public const string ClaimType = "readiness:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ReadinessUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.DisplayName.Length > 0) identity.AddClaim(new Claim(ClaimType, user.DisplayName));
        return identity;
    }

    /// <summary>The name to show for the signed-in person: their display name, or (a cookie from before this claim) their user name.</summary>
    public static string? NameOf(ClaimsPrincipal user) => user.FindFirst(ClaimType)?.Value ?? user.Identity?.Name;
}
