namespace Readiness.Core.BusinessAreas;

public enum AreaRole
{
    TeamLead = 0,
    Bcm = 1,
}

/// <summary>A person's role in one business area: its team lead or its Business Change Manager.</summary>
public class AreaMembership
{
    private AreaMembership() { }

    public AreaMembership(int businessAreaId, string userId, AreaRole role)
    {
        BusinessAreaId = businessAreaId;
        UserId = userId;
        Role = role;
    }

    public int Id { get; private set; }
    public int BusinessAreaId { get; private set; }
    public string UserId { get; private set; } = "";
    public AreaRole Role { get; private set; }
}
