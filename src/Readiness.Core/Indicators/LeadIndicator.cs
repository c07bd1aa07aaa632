namespace Readiness.Core.Indicators;

public enum IndicatorDirection
{
    HigherIsBetter = 0,
    LowerIsBetter = 1,
}

public enum IndicatorSource
{
    Manual = 0,
    Csv = 1,
    Http = 2,
}

/// <summary>
/// An operational measure watched after a release goes live in one business area (e.g. 101 call answer time),
/// with a baseline, amber and red thresholds, a watch window after T0 and where its readings come from.
/// </summary>
public class LeadIndicator
{
    private LeadIndicator() { }

    public LeadIndicator(LeadIndicatorSpec spec)
    {
        Apply(spec);
    }

    public int Id { get; private set; }
    public int ReleaseId { get; private set; }
    public int BusinessAreaId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public IndicatorDirection Direction { get; private set; }
    public decimal Baseline { get; private set; }

    /// <summary>The value at which a reading turns Amber (worse than this, in the indicator's direction).</summary>
    public decimal AmberThreshold { get; private set; }

    /// <summary>The value at which a reading turns Red.</summary>
    public decimal RedThreshold { get; private set; }

    /// <summary>Weeks after go-live during which readings are checked.</summary>
    public int WatchWeeks { get; private set; }
    public int CheckEveryDays { get; private set; }

    /// <summary>This many Amber readings in a row count as Red (a trend, not a blip).</summary>
    public int ConsecutiveAmberForRed { get; private set; }
    public IndicatorSource Source { get; private set; }

    /// <summary>For <see cref="IndicatorSource.Http"/>: the JSON endpoint polled by the check job.</summary>
    public string? SourceUrl { get; private set; }

    public void Apply(LeadIndicatorSpec spec)
    {
        ReleaseId = spec.ReleaseId;
        BusinessAreaId = spec.BusinessAreaId;
        Code = spec.Code;
        Name = spec.Name;
        Unit = spec.Unit;
        Direction = spec.Direction;
        Baseline = spec.Baseline;
        AmberThreshold = spec.AmberThreshold;
        RedThreshold = spec.RedThreshold;
        WatchWeeks = spec.WatchWeeks;
        CheckEveryDays = spec.CheckEveryDays;
        ConsecutiveAmberForRed = spec.ConsecutiveAmberForRed;
        Source = spec.Source;
        SourceUrl = spec.SourceUrl;
    }
}

public sealed record LeadIndicatorSpec(
    int ReleaseId,
    int BusinessAreaId,
    string Code,
    string Name,
    string Unit,
    IndicatorDirection Direction,
    decimal Baseline,
    decimal AmberThreshold,
    decimal RedThreshold,
    int WatchWeeks,
    int CheckEveryDays,
    int ConsecutiveAmberForRed,
    IndicatorSource Source,
    string? SourceUrl = null);
