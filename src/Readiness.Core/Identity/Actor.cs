namespace Readiness.Core.Identity;

/// <summary>The signed-in person a use case acts for.</summary>
public sealed record Actor(string UserId, IReadOnlySet<string> Roles)
{
    public bool IsIn(string role) => Roles.Contains(role);
}
