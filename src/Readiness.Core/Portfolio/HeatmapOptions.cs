using System.ComponentModel.DataAnnotations;

namespace Readiness.Core.Portfolio;

/// <summary>Configuration section "Heatmap": tolerances in person-hours of change per week (see <see cref="ChangeLoad"/>).</summary>
public sealed class HeatmapOptions : IValidatableObject
{
    public const string Section = "Heatmap";

    /// <summary>Default weekly tolerance of one area (person-hours of change), added up the hierarchy for parents.</summary>
    [Range(1, 10_000_000)]
    public decimal Tolerance { get; set; } = 4000m;

    /// <summary>Per-area tolerance overriding <see cref="Tolerance"/>, keyed by area code.</summary>
    public Dictionary<string, decimal> AreaTolerances { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Fraction of the tolerance at which a cell is shown as "near" (amber).</summary>
    [Range(0.01, 1.0)]
    public decimal AmberAt { get; set; } = 0.8m;

    /// <summary>Weeks shown at once; "earlier" and "later" move by half of it.</summary>
    [Range(4, 104)]
    public int Weeks { get; set; } = 26;

    public decimal ToleranceFor(string areaCode) => AreaTolerances.TryGetValue(areaCode, out var t) ? t : Tolerance;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (code, value) in AreaTolerances.Where(kv => kv.Value <= 0))
            yield return new ValidationResult($"Heatmap:AreaTolerances:{code} must be above 0 (person-hours of change per week).", [nameof(AreaTolerances)]);
    }
}
