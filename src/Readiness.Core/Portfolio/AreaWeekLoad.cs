namespace Readiness.Core.Portfolio;

/// <summary>
/// The heatmap's read model: the change load one business area carries in one week from its <b>own</b> impacts (of
/// releases not closed), so a heatmap of 26 weeks reads at most areas × 26 rows whatever the size of the portfolio.
/// Sub-areas are added to their parents when read (<see cref="ChangeLoad.Grid"/>'s rule), so moving an area in the
/// tree changes no row. Kept by <see cref="AreaWeekLoads"/> in the same transaction as every change that alters it.
/// </summary>
public class AreaWeekLoad
{
    /// <summary>Hours are stored as whole ten-thousandths so sums in SQL stay exact on SQLite too (no floating point).</summary>
    public const decimal UnitsPerHour = 10_000m;

    private AreaWeekLoad() { }

    public int AreaId { get; private set; }

    /// <summary>The Monday that starts the week.</summary>
    public DateOnly Week { get; private set; }

    public long Units { get; private set; }

    public decimal Hours => Units / UnitsPerHour;

    public static long ToUnits(decimal hours) => (long)Math.Round(hours * UnitsPerHour, MidpointRounding.AwayFromZero);
}

/// <summary>
/// What one impact last added to <see cref="AreaWeekLoad"/>: the inputs of the load model as they were applied. A change
/// takes away what the basis says and adds what the impact says now, so the table moves by differences and never has
/// to be summed again over the portfolio. No foreign key to the impact: the basis must outlive a deleted impact until
/// its load is taken away.
/// </summary>
public class ImpactLoadBasis
{
    private ImpactLoadBasis() { }

    internal ImpactLoadBasis(int impactId, LoadInput input)
    {
        ImpactId = impactId;
        Apply(input);
    }

    public int ImpactId { get; private set; }
    public int ReleaseId { get; private set; }
    public int AreaId { get; private set; }
    public DateOnly GoLive { get; private set; }
    public int Headcount { get; private set; }
    public ImpactLevel Level { get; private set; }
    public decimal TrainingHoursPerPerson { get; private set; }
    public int HypercareWeeks { get; private set; }

    public LoadInput Input => new(ReleaseId, AreaId, GoLive, Headcount, Level, TrainingHoursPerPerson, HypercareWeeks);

    internal void Apply(LoadInput input)
    {
        ReleaseId = input.ReleaseId;
        AreaId = input.AreaId;
        GoLive = input.GoLive;
        Headcount = input.Headcount;
        Level = input.Level;
        TrainingHoursPerPerson = input.TrainingHoursPerPerson;
        HypercareWeeks = input.HypercareWeeks;
    }
}
