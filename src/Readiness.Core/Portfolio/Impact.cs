namespace Readiness.Core.Portfolio;

/// <summary>How a release lands on one business area. Feeds the heatmap and decides which criteria apply.</summary>
public class Impact
{
    private Impact() { }

    public Impact(int releaseId, int businessAreaId, int headcount, ImpactLevel level, decimal trainingHoursPerPerson, int hypercareWeeks)
    {
        if (headcount <= 0) throw new ArgumentOutOfRangeException(nameof(headcount), "Headcount must be positive.");
        ArgumentOutOfRangeException.ThrowIfNegative(trainingHoursPerPerson);
        ArgumentOutOfRangeException.ThrowIfNegative(hypercareWeeks);
        ReleaseId = releaseId;
        BusinessAreaId = businessAreaId;
        Headcount = headcount;
        Level = level;
        TrainingHoursPerPerson = trainingHoursPerPerson;
        HypercareWeeks = hypercareWeeks;
    }

    public int Id { get; private set; }
    public int ReleaseId { get; private set; }
    public Release? Release { get; private set; }
    public int BusinessAreaId { get; private set; }
    public BusinessAreas.BusinessArea? BusinessArea { get; private set; }
    public int Headcount { get; private set; }
    public ImpactLevel Level { get; private set; }
    public decimal TrainingHoursPerPerson { get; private set; }
    public int HypercareWeeks { get; private set; }

    /// <summary>Changes how the release lands on the area (same rules as the constructor).</summary>
    public void Update(int headcount, ImpactLevel level, decimal trainingHoursPerPerson, int hypercareWeeks)
    {
        if (headcount <= 0) throw new ArgumentOutOfRangeException(nameof(headcount), "Headcount must be positive.");
        ArgumentOutOfRangeException.ThrowIfNegative(trainingHoursPerPerson);
        ArgumentOutOfRangeException.ThrowIfNegative(hypercareWeeks);
        Headcount = headcount;
        Level = level;
        TrainingHoursPerPerson = trainingHoursPerPerson;
        HypercareWeeks = hypercareWeeks;
    }
}
