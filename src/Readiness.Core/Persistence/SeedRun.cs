namespace Readiness.Core.Persistence;

/// <summary>
/// Records when the demo data was first seeded: demo dates are relative to that day, so re-running the seeder
/// on a later day keeps the same calendar.
/// </summary>
public class SeedRun
{
    private SeedRun() { }

    public SeedRun(string name, DateOnly anchorDate, DateTime seededAtUtc)
    {
        Name = name;
        AnchorDate = anchorDate;
        SeededAtUtc = seededAtUtc;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly AnchorDate { get; private set; }
    public DateTime SeededAtUtc { get; private set; }
}
