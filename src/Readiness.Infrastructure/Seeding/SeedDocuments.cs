namespace Readiness.Infrastructure.Seeding;

// The shapes of the files in seed-data/. Unknown properties are refused when reading, so a typo in a field
// name is reported instead of silently ignored; parameters without a default are required.

public sealed record AreasDocument(IReadOnlyList<AreaEntry> Areas);

public sealed record AreaEntry(string Code, string Name, string Kind, IReadOnlyList<AreaEntry>? Children = null, IReadOnlyList<CapacityEntrySeed>? TrainingCapacity = null);

/// <summary>An area's weekly training capacity from the week holding the demo's first day + <see cref="FromDays"/>.</summary>
public sealed record CapacityEntrySeed(decimal HoursPerWeek, decimal BauSharePercent, int FromDays = 0);

public sealed record UsersDocument(string DefaultPassword, IReadOnlyList<UserEntry> Users);

public sealed record UserEntry(string Email, string Name, IReadOnlyList<string> Roles, IReadOnlyList<string>? TeamLeadOf = null, IReadOnlyList<string>? BcmOf = null);

public sealed record PortfolioDocument(IReadOnlyList<GateKindEntry> GateKinds, IReadOnlyList<ProgrammeEntry> Programmes);

public sealed record GateKindEntry(string Kind, string Name, int OffsetDays, string? Template = null);

public sealed record ProgrammeEntry(string Code, string Name, IReadOnlyList<ReleaseEntry> Releases, string? Description = null);

public sealed record ReleaseEntry(
    string Code,
    string Name,
    int GoLiveInDays,
    string Sro,
    string Status,
    IReadOnlyList<ImpactEntry> Impacts,
    string? Description = null,
    IReadOnlyList<string>? Gates = null,
    IReadOnlyDictionary<string, string>? Workflows = null,
    IReadOnlyList<string>? DependsOn = null);

public sealed record ImpactEntry(string Area, int Headcount, string Level, decimal TrainingHoursPerPerson, int HypercareWeeks);

public sealed record TemplateDocument(string Key, int Version, string Name, ThresholdsEntry Thresholds, IReadOnlyList<SectionEntry> Sections, string? Description = null);

public sealed record ThresholdsEntry(decimal Green, decimal Amber);

public sealed record SectionEntry(string Code, string Title, IReadOnlyList<CriterionEntry> Criteria, string? Description = null);

public sealed record CriterionEntry(
    string Code,
    string Text,
    string AnswerType,
    int Weight,
    bool Blocking,
    bool Required,
    string Evidence,
    string ExpectedEvidence,
    string Guidance,
    string? MinimumPass = null,
    AppliesIfEntry? AppliesIf = null,
    RangeEntry? Range = null,
    string? Unit = null);

public sealed record AppliesIfEntry(string? MinImpactLevel = null, bool? RequiresTraining = null, bool? RequiresHypercare = null);

public sealed record RangeEntry(decimal? Min = null, decimal? Max = null);

/// <summary>The compact description of the generated part of the demo portfolio (portfolio-generated.json).</summary>
public sealed record GeneratedPortfolioDocument(int Seed, IReadOnlyList<GeneratedProgrammeEntry> Programmes);

/// <summary>A programme and the pattern of its releases: one release per part; the numbers are drawn from the ranges.</summary>
public sealed record GeneratedProgrammeEntry(
    string Code,
    string Name,
    string Sro,
    string ReleaseCode,
    string ReleaseName,
    IReadOnlyList<string> Parts,
    IReadOnlyList<string> Areas,
    IntRange AreasPerRelease,
    IntRange GoLiveInDays,
    IntRange Headcount,
    IReadOnlyList<string> Levels,
    DecimalRange TrainingHoursPerPerson,
    IntRange HypercareWeeks,
    string? Description = null);

public sealed record IntRange(int Min, int Max);

public sealed record DecimalRange(decimal Min, decimal Max);

/// <summary>Everything read from seed-data/, validated and ready to apply.</summary>
/// <param name="Generated">The programmes expanded from portfolio-generated.json (none when the file is absent or Seed:Generated is off).</param>
public sealed record SeedSet(
    AreasDocument Areas,
    UsersDocument Users,
    PortfolioDocument Portfolio,
    IReadOnlyList<(string File, TemplateDocument Template, string ContentHash)> Templates,
    IReadOnlyList<ProgrammeEntry>? Generated = null)
{
    public IReadOnlyList<ProgrammeEntry> GeneratedProgrammes => Generated ?? [];
}
