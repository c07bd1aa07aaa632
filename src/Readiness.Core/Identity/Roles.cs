namespace Readiness.Core.Identity;

/// <summary>The four roles of DESIGN §1. Names are stored in Identity and used in policies.</summary>
public static class Roles
{
    public const string TeamLead = "TeamLead";
    public const string Bcm = "BCM";
    public const string Sro = "SRO";
    public const string Pmo = "PMO";

    public static readonly IReadOnlyList<string> All = [TeamLead, Bcm, Sro, Pmo];
}
