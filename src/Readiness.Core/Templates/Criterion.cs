using Readiness.Core.Portfolio;

namespace Readiness.Core.Templates;

/// <summary>One question of a template, with what it takes to pass and what evidence proves it.</summary>
public class Criterion
{
    private Criterion() { }

    public Criterion(CriterionSpec spec)
    {
        Order = spec.Order;
        Code = spec.Code;
        Text = spec.Text;
        AnswerType = spec.AnswerType;
        Weight = spec.Weight;
        Blocking = spec.Blocking;
        Required = spec.Required;
        MinimumPass = spec.MinimumPass;
        Evidence = spec.Evidence;
        ExpectedEvidence = spec.ExpectedEvidence;
        Guidance = spec.Guidance;
        RangeMin = spec.RangeMin;
        RangeMax = spec.RangeMax;
        Unit = spec.Unit;
        AppliesIfMinImpactLevel = spec.AppliesIfMinImpactLevel;
        AppliesIfTraining = spec.AppliesIfTraining;
        AppliesIfHypercare = spec.AppliesIfHypercare;
    }

    public int Id { get; private set; }
    public int SectionId { get; private set; }
    public int Order { get; private set; }
    public string Code { get; private set; } = "";
    public string Text { get; private set; } = "";
    public AnswerType AnswerType { get; private set; }
    public int Weight { get; private set; }

    /// <summary>A failed blocking criterion makes the whole return Red, whatever the score.</summary>
    public bool Blocking { get; private set; }
    public bool Required { get; private set; }

    /// <summary>The weakest answer that still passes, in the answer type's own terms ("Yes", "Amber", "90", "T-7").</summary>
    public string? MinimumPass { get; private set; }
    public EvidenceRule Evidence { get; private set; }
    public string ExpectedEvidence { get; private set; } = "";
    public string Guidance { get; private set; } = "";
    public decimal? RangeMin { get; private set; }
    public decimal? RangeMax { get; private set; }
    public string? Unit { get; private set; }
    public ImpactLevel? AppliesIfMinImpactLevel { get; private set; }
    public bool AppliesIfTraining { get; private set; }
    public bool AppliesIfHypercare { get; private set; }

    /// <summary>Whether the question is asked of an area with this impact (applies-if).</summary>
    public bool AppliesTo(Impact? impact) => Applies(AppliesIfMinImpactLevel, AppliesIfTraining, AppliesIfHypercare, impact);

    /// <summary>The applies-if rule on its own values (lists that read only the rules, not whole criteria, count with it).</summary>
    public static bool Applies(ImpactLevel? minImpactLevel, bool ifTraining, bool ifHypercare, Impact? impact) =>
        Applies(minImpactLevel, ifTraining, ifHypercare, impact?.Level, impact?.TrainingHoursPerPerson ?? 0, impact?.HypercareWeeks ?? 0);

    /// <summary>The rule on the impact's three values that it reads; no level means the area has no impact.</summary>
    public static bool Applies(ImpactLevel? minImpactLevel, bool ifTraining, bool ifHypercare, ImpactLevel? level, decimal trainingHoursPerPerson, int hypercareWeeks)
    {
        if (level is not { } impactLevel) return minImpactLevel is null && !ifTraining && !ifHypercare;
        if (minImpactLevel is { } min && impactLevel < min) return false;
        if (ifTraining && trainingHoursPerPerson <= 0) return false;
        if (ifHypercare && hypercareWeeks <= 0) return false;
        return true;
    }
}

/// <summary>Everything needed to create a <see cref="Criterion"/>; keeps the constructor readable.</summary>
public sealed record CriterionSpec(
    int Order,
    string Code,
    string Text,
    AnswerType AnswerType,
    int Weight,
    bool Blocking,
    bool Required,
    string? MinimumPass,
    EvidenceRule Evidence,
    string ExpectedEvidence,
    string Guidance,
    decimal? RangeMin = null,
    decimal? RangeMax = null,
    string? Unit = null,
    ImpactLevel? AppliesIfMinImpactLevel = null,
    bool AppliesIfTraining = false,
    bool AppliesIfHypercare = false);
