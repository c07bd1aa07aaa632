using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

public sealed record ReleaseSummary(int Id, string Code, string Name, string ProgrammeName, DateOnly GoLive, ReleaseStatus Status, int Areas, int Submitted, int Returns);

public sealed record GateRow(int Id, GateKind Kind, string Name, int OffsetDays, DateOnly DueOn, int Returns, int Submitted)
{
    public string Offset => Gate.FormatOffset(OffsetDays);
}

public sealed record AreaReturnRow(
    int AreaId, string AreaCode, string AreaName, int Headcount, ImpactLevel Level, decimal TrainingHoursPerPerson, int HypercareWeeks,
    int? AssessmentId, string? GateName, AssessmentStatus? Status, Rag? Rag, decimal? Score, DateTime? SubmittedAtUtc);

public sealed record ReleaseDetail(
    int Id, string Code, string Name, string Description, string ProgrammeCode, string ProgrammeName, DateOnly GoLive,
    ReleaseStatus Status, string SroName, IReadOnlyList<GateRow> Gates, IReadOnlyList<AreaReturnRow> Areas);

/// <summary>Read models for the release list and the release page (any signed-in role may read them).</summary>
public sealed class ReleaseQueries(ReadinessDbContext db)
{
    public async Task<IReadOnlyList<ReleaseSummary>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Releases.AsNoTracking()
            .Select(r => new ReleaseSummary(r.Id, r.Code, r.Name, r.Programme!.Name, r.GoLive, r.Status, r.Impacts.Count,
                db.Assessments.Count(a => a.ReleaseId == r.Id && (a.Status == AssessmentStatus.Submitted || a.Status == AssessmentStatus.Approved || a.Status == AssessmentStatus.ApprovedWithConditions)),
                db.Assessments.Count(a => a.ReleaseId == r.Id)))
            .ToListAsync(ct);
        return rows.OrderBy(r => r.GoLive).ThenBy(r => r.Code).ToList();
    }

    public async Task<Result<ReleaseDetail>> GetAsync(string code, CancellationToken ct)
    {
        var release = await db.Releases.AsNoTracking().Include(r => r.Programme).FirstOrDefaultAsync(r => r.Code == code, ct);
        if (release is null) return Failures.NotFound($"Release {code}");
        var sroName = await db.Users.Where(u => u.Id == release.SroUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "(unassigned)";

        var assessments = await db.Assessments.AsNoTracking().Where(a => a.ReleaseId == release.Id)
            .Select(a => new { a.Id, a.GateId, a.BusinessAreaId, a.Status, a.Rag, a.Score, a.SubmittedAtUtc }).ToListAsync(ct);
        var gates = await db.Gates.AsNoTracking().Where(g => g.ReleaseId == release.Id).ToListAsync(ct);
        var gateRows = gates.OrderBy(g => g.DueOffsetDays)
            .Select(g => new GateRow(g.Id, g.Kind, g.Name, g.DueOffsetDays, g.DueOn(release.GoLive),
                assessments.Count(a => a.GateId == g.Id), assessments.Count(a => a.GateId == g.Id && a.Status is AssessmentStatus.Submitted or AssessmentStatus.Approved or AssessmentStatus.ApprovedWithConditions)))
            .ToList();

        var impacts = await db.Impacts.AsNoTracking().Where(i => i.ReleaseId == release.Id).Include(i => i.BusinessArea).ToListAsync(ct);
        var areaRows = impacts.OrderBy(i => i.BusinessArea!.Name).Select(i =>
        {
            var a = assessments.FirstOrDefault(x => x.BusinessAreaId == i.BusinessAreaId);
            var gateName = a is null ? null : gates.First(g => g.Id == a.GateId).Name;
            return new AreaReturnRow(i.BusinessAreaId, i.BusinessArea!.Code, i.BusinessArea.Name, i.Headcount, i.Level, i.TrainingHoursPerPerson,
                i.HypercareWeeks, a?.Id, gateName, a?.Status, a?.Rag, a?.Score, a?.SubmittedAtUtc);
        }).ToList();

        return Result<ReleaseDetail>.Ok(new ReleaseDetail(release.Id, release.Code, release.Name, release.Description, release.Programme!.Code,
            release.Programme.Name, release.GoLive, release.Status, sroName, gateRows, areaRows));
    }
}
