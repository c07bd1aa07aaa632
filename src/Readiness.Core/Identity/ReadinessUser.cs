using Microsoft.AspNetCore.Identity;

namespace Readiness.Core.Identity;

/// <summary>A person who signs in: team lead, BCM, SRO or PMO.</summary>
public class ReadinessUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
