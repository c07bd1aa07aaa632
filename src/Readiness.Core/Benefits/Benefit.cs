namespace Readiness.Core.Benefits;

public enum BenefitKind
{
    Cashable = 0,
    NonCashable = 1,
    Qualitative = 2,
}

public enum MeasurementSource
{
    Manual = 0,
    Csv = 1,
}

/// <summary>An expected value of a benefit's measure by a date: the realisation profile is a list of these.</summary>
public sealed record ProfilePoint(DateOnly Date, decimal Expected);

/// <summary>Everything that describes a benefit, as the PMO or its owner edits it (validated by <see cref="BenefitRules"/>).</summary>
public sealed record BenefitSpec(
    int ProgrammeId, string Code, string Name, string Description, BenefitKind Kind, string Measure, string Unit,
    decimal? Baseline, decimal? Target, string OwnerUserId, int? LeadIndicatorId,
    IReadOnlyList<int> ReleaseIds, IReadOnlyList<int> AreaIds, IReadOnlyList<ProfilePoint> Profile);

/// <summary>A benefit as its form posts it: releases and areas by their codes, the profile one <c>YYYY-MM-DD,value</c> a line.</summary>
public sealed record BenefitInput(
    int ProgrammeId, string? Code, string? Name, string? Description, BenefitKind Kind, string? Measure, string? Unit,
    decimal? Baseline, decimal? Target, string? OwnerUserId, int? LeadIndicatorId, string ReleaseCodes, string AreaCodes, string Profile);

/// <summary>
/// An outcome a programme promises (DESIGN §2): cashable, non-cashable or qualitative, with a measure and unit, a
/// baseline, a target, a realisation profile (expected value by date), an owner (a BCM), the releases that realise it
/// and the business areas it lands in; optionally a lead indicator whose readings count as its measurements. The
/// direction of improvement is the one from baseline to target. Changes go through <see cref="Apply"/>, which refuses a
/// spec that breaks the rules; <see cref="Version"/> is the concurrency token that makes edits stale-safe.
/// </summary>
public class Benefit
{
    private Benefit() { }

    public Benefit(BenefitSpec spec, DateTime nowUtc)
    {
        CreatedAtUtc = nowUtc;
        Apply(spec);
    }

    public int Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public BenefitKind Kind { get; private set; }
    public string Measure { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public decimal? Baseline { get; private set; }
    public decimal? Target { get; private set; }
    public string OwnerUserId { get; private set; } = "";
    public int? LeadIndicatorId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public int Version { get; private set; }
    public List<BenefitRelease> Releases { get; private set; } = [];
    public List<BenefitArea> Areas { get; private set; } = [];
    public List<BenefitProfilePoint> Profile { get; private set; } = [];

    public bool HigherIsBetter => Target >= Baseline;

    public IReadOnlyList<ProfilePoint> ProfilePoints => Profile.OrderBy(p => p.Date).Select(p => new ProfilePoint(p.Date, p.Expected)).ToList();

    public BenefitSpec ToSpec() => new(ProgrammeId, Code, Name, Description, Kind, Measure, Unit, Baseline, Target, OwnerUserId, LeadIndicatorId,
        Releases.Select(r => r.ReleaseId).Order().ToList(), Areas.Select(a => a.BusinessAreaId).Order().ToList(), ProfilePoints);

    /// <summary>Replaces what describes the benefit; the spec must pass <see cref="BenefitRules.Problems"/> (checked by the use case first).</summary>
    public void Apply(BenefitSpec spec)
    {
        if (BenefitRules.Problems(spec) is { Count: > 0 } problems)
            throw new ArgumentException($"Benefit {spec.Code}: {string.Join(" ", problems.Select(p => $"{p.Key}: {p.Value}"))}", nameof(spec));
        ProgrammeId = spec.ProgrammeId;
        Code = spec.Code.Trim();
        Name = spec.Name.Trim();
        Description = spec.Description.Trim();
        Kind = spec.Kind;
        Measure = spec.Measure.Trim();
        Unit = spec.Unit.Trim();
        Baseline = spec.Baseline;
        Target = spec.Target;
        OwnerUserId = spec.OwnerUserId;
        LeadIndicatorId = spec.LeadIndicatorId;
        Releases.RemoveAll(r => !spec.ReleaseIds.Contains(r.ReleaseId));
        Releases.AddRange(spec.ReleaseIds.Distinct().Where(id => Releases.All(r => r.ReleaseId != id)).Select(id => new BenefitRelease(id)));
        Areas.RemoveAll(a => !spec.AreaIds.Contains(a.BusinessAreaId));
        Areas.AddRange(spec.AreaIds.Distinct().Where(id => Areas.All(a => a.BusinessAreaId != id)).Select(id => new BenefitArea(id)));
        // Points are keyed by date: a changed value is updated in place, so a date is never deleted and added in one save.
        var expected = spec.Profile.ToDictionary(p => p.Date, p => p.Expected);
        Profile.RemoveAll(p => !expected.ContainsKey(p.Date));
        foreach (var p in Profile) p.Expect(expected[p.Date]);
        Profile.AddRange(spec.Profile.Where(p => Profile.All(x => x.Date != p.Date)).Select(p => new BenefitProfilePoint(p.Date, p.Expected)));
        Version++;
    }
}

/// <summary>A release that realises the benefit.</summary>
public class BenefitRelease
{
    private BenefitRelease() { }
    internal BenefitRelease(int releaseId) => ReleaseId = releaseId;
    public int BenefitId { get; private set; }
    public int ReleaseId { get; private set; }
}

/// <summary>A business area the benefit lands in.</summary>
public class BenefitArea
{
    private BenefitArea() { }
    internal BenefitArea(int businessAreaId) => BusinessAreaId = businessAreaId;
    public int BenefitId { get; private set; }
    public int BusinessAreaId { get; private set; }
}

/// <summary>One point of the realisation profile: the value expected by a date.</summary>
public class BenefitProfilePoint
{
    private BenefitProfilePoint() { }
    internal BenefitProfilePoint(DateOnly date, decimal expected) => (Date, Expected) = (date, expected);
    public int BenefitId { get; private set; }
    public DateOnly Date { get; private set; }
    public decimal Expected { get; private set; }
    internal void Expect(decimal value) => Expected = value;
}

/// <summary>A value of the benefit's measure on one day, recorded by hand or from a CSV file. At most one per benefit and day.</summary>
public class BenefitMeasurement
{
    private BenefitMeasurement() { }

    public BenefitMeasurement(int benefitId, DateOnly date, decimal value, MeasurementSource source, string enteredByUserId, DateTime nowUtc)
    {
        BenefitId = benefitId;
        Date = date;
        Value = value;
        Source = source;
        EnteredByUserId = enteredByUserId;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public int BenefitId { get; private set; }
    public DateOnly Date { get; private set; }
    public decimal Value { get; private set; }
    public MeasurementSource Source { get; private set; }
    public string EnteredByUserId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
}
