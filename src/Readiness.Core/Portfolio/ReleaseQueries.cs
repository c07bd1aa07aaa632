using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

public sealed record ReleaseSummary(int Id, string Code, string Name, string ProgrammeName, DateOnly GoLive, ReleaseStatus Status, int Areas, int Submitted, int Returns);

/// <summary>A page of the release list and how many releases match in all.</summary>
public sealed record ReleaseList(IReadOnlyList<ReleaseSummary> Items, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

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
    public const int PageSize = 25;

    public static readonly IReadOnlyList<string> SortKeys = ["release", "programme", "t0", "status"];

    /// <summary>
    /// A page of the releases, soonest go-live first unless sorted otherwise, optionally of one programme: filtered,
    /// sorted and paged in SQL; the returns are counted for the page's releases only.
    /// </summary>
    public async Task<ReleaseList> PageAsync(string? programme, string? sort, bool descending, int page, CancellationToken ct)
    {
        var releases = db.Releases.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(programme)) releases = releases.Where(r => r.Programme!.Code == programme.Trim());
        var total = await releases.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        IOrderedQueryable<Release> By<T>(System.Linq.Expressions.Expression<Func<Release, T>> key) => descending ? releases.OrderByDescending(key) : releases.OrderBy(key);
        var sorted = sort switch
        {
            "release" => By(r => r.Code),
            "programme" => By(r => r.Programme!.Name),
            "status" => By(r => r.Status),
            _ => By(r => r.GoLive),
        };
        var items = await sorted.ThenBy(r => r.GoLive).ThenBy(r => r.Code).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new ReleaseSummary(r.Id, r.Code, r.Name, r.Programme!.Name, r.GoLive, r.Status, r.Impacts.Count,
                db.Assessments.Count(a => a.ReleaseId == r.Id && (a.Status == AssessmentStatus.Submitted || a.Status == AssessmentStatus.Approved || a.Status == AssessmentStatus.ApprovedWithConditions)),
                db.Assessments.Count(a => a.ReleaseId == r.Id)))
            .ToListAsync(ct);
        return new ReleaseList(items, page, PageSize, total);
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
