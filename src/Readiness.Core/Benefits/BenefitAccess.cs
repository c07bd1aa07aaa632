using Readiness.Core.Identity;

namespace Readiness.Core.Benefits;

/// <summary>Everyone signed in reads benefits; the PMO and the benefit's owner (a BCM) change them and record measurements.</summary>
public static class BenefitAccess
{
    public static bool CanEdit(Actor actor, string ownerUserId) => actor.IsIn(Roles.Pmo) || (actor.IsIn(Roles.Bcm) && actor.UserId == ownerUserId);

    /// <summary>The PMO adds benefits for anyone; a BCM adds benefits they own.</summary>
    public static bool CanAdd(Actor actor) => actor.IsIn(Roles.Pmo) || actor.IsIn(Roles.Bcm);

    public const string EditRefusal = "Only the PMO and the benefit's owner can change it or record its measurements.";
}
