namespace Readiness.Core.Portfolio;

/// <summary>A release that must go live before another: the tracker flags the dependent one when this is late.</summary>
public class ReleaseDependency
{
    private ReleaseDependency() { }

    public ReleaseDependency(int releaseId, int dependsOnReleaseId, string note)
    {
        if (releaseId == dependsOnReleaseId) throw new ArgumentException("A release cannot depend on itself.", nameof(dependsOnReleaseId));
        ReleaseId = releaseId;
        DependsOnReleaseId = dependsOnReleaseId;
        Note = note;
    }

    public int Id { get; private set; }
    public int ReleaseId { get; private set; }
    public int DependsOnReleaseId { get; private set; }
    public string Note { get; private set; } = "";
}
