using System.ComponentModel.DataAnnotations;
using Readiness.Core.Identity;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Configuration section "Authentication": sign-in with the organisation's OpenID Connect provider (Microsoft Entra ID
/// or any other) and whether password accounts remain. Left without an Authority, only password sign-in exists.
/// </summary>
public sealed class ReadinessAuthenticationOptions : IValidatableObject
{
    public const string Section = "Authentication";

    /// <summary>Password sign-in (and invitations with a set-password link). Turn off once everyone signs in with the provider.</summary>
    public bool LocalPasswords { get; set; } = true;

    public OidcOptions Oidc { get; set; } = new();

    public bool OidcEnabled => !string.IsNullOrWhiteSpace(Oidc.Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!OidcEnabled)
        {
            if (!LocalPasswords)
                yield return new ValidationResult("Authentication:LocalPasswords is false but Authentication:Oidc:Authority is not set: nobody could sign in. Configure the provider, or keep password sign-in.");
            yield break;
        }
        if (!Uri.TryCreate(Oidc.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && (Oidc.RequireHttpsMetadata || authority.Scheme != Uri.UriSchemeHttp)))
            yield return new ValidationResult($"Authentication:Oidc:Authority '{Oidc.Authority}' must be the provider's https:// address (http:// only with RequireHttpsMetadata false, for a local test provider).");
        if (string.IsNullOrWhiteSpace(Oidc.ClientId))
            yield return new ValidationResult("Authentication:Oidc:ClientId is required: the application (client) id registered with the provider.");
        foreach (var (group, role) in Oidc.GroupRoles)
            if (!Roles.All.Contains(role, StringComparer.Ordinal))
                yield return new ValidationResult($"Authentication:Oidc:GroupRoles:{group} is '{role}'; use one of {string.Join(", ", Roles.All)}.");
    }
}

/// <summary>Configuration section "Authentication:Oidc".</summary>
public sealed class OidcOptions
{
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>Shown on the button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "your organisation's account";

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim carrying group ids (Entra ID: "groups").</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>Group id → Readiness role (TeamLead, BCM, SRO, PMO). Mapped roles follow the groups at every sign-in.</summary>
    public Dictionary<string, string> GroupRoles { get; set; } = new(StringComparer.Ordinal);
}
