using Microsoft.AspNetCore.Identity;

namespace Readiness.Core.Identity;

/// <summary>A person who signs in: team lead, BCM, SRO or PMO.</summary>
public class ReadinessUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set when the PMO deactivated the person: they cannot sign in, by password or their organisation's account.</summary>
    public DateTime? DeactivatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }

    public bool IsActive => DeactivatedAtUtc is null;
}
