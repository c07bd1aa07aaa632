using Readiness.Core.BusinessAreas;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Admin;

public sealed record ReleaseInput(int ProgrammeId, string Code, string Name, string Description, DateOnly? GoLive, string SroUserId, ReleaseStatus Status);

public sealed record GateInput(GateKind Kind, string Name, int? OffsetDays, string? WorkflowDefinitionId);

public sealed record ImpactInput(string AreaCode, int? Headcount, ImpactLevel Level, decimal? TrainingHoursPerPerson, int? HypercareWeeks);

public sealed record AreaInput(string Code, string Name, BusinessAreaKind Kind, string? ParentCode);

public sealed record MembershipInput(string AreaCode, string UserEmail, AreaRole Role);
