using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Risks;

/// <summary>
/// The register's filters. <see cref="Status"/>: null for every risk not closed, "All", or a <see cref="RiskStatus"/>;
/// <see cref="Release"/> and <see cref="Area"/> are codes; <see cref="Owner"/> a user id; <see cref="Likelihood"/> and
/// <see cref="Impact"/> pick one cell of the matrix.
/// </summary>
public sealed record RiskFilter(string? Status = null, RiskLevel? Level = null, string? Release = null, string? Area = null, string? Owner = null,
    int? Likelihood = null, int? Impact = null, string? Sort = null, bool Descending = false, int Page = 1);

public sealed record RiskRow(
    int Id, string Title, RiskLevel Level, string? Programme, string OwnerName, int Likelihood, int Impact, int Score, RiskStatus Status,
    RiskProximity Proximity, DateOnly ReviewOn, bool ReviewOverdue, int OpenActions, int OverdueActions, IReadOnlyList<string> Releases)
{
    public string Reference => RiskScoring.Reference(Id);
    public RiskBand Band => RiskScoring.Band(Score);
}

/// <summary>One cell of the 5 × 5 matrix: how many of the filtered risks sit there.</summary>
public sealed record MatrixCell(int Likelihood, int Impact, int Count)
{
    public int Score => Likelihood * Impact;
    public RiskBand Band => RiskScoring.Band(Score);
}

public sealed record RiskListPage(IReadOnlyList<RiskRow> Rows, int Page, int PageSize, int Total, IReadOnlyList<MatrixCell> Matrix)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int CountAt(int likelihood, int impact) => Matrix.FirstOrDefault(c => c.Likelihood == likelihood && c.Impact == impact)?.Count ?? 0;
}

/// <summary>
/// The register as pages: filtered, sorted and paged in the database (a page costs a page), with the matrix's counts
/// for the same filter (less the cell picked) in one grouped query.
/// </summary>
public sealed class RiskQueries(ReadinessDbContext db, ReadinessClock clock)
{
    public const int PageSize = 25;

    public static readonly IReadOnlyList<string> SortKeys = ["ref", "title", "level", "owner", "score", "status", "proximity", "review"];

    public async Task<RiskListPage> PageAsync(RiskFilter filter, CancellationToken ct)
    {
        var withoutCell = Filtered(filter with { Likelihood = null, Impact = null });
        var matrix = await withoutCell.GroupBy(r => new { r.Likelihood, r.Impact })
            .Select(g => new MatrixCell(g.Key.Likelihood, g.Key.Impact, g.Count())).ToListAsync(ct);
        var query = Filtered(filter);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await RowsOfAsync(Sorted(query, filter).Skip((page - 1) * PageSize).Take(PageSize), ct);
        return new RiskListPage(rows, page, PageSize, total, matrix);
    }

    /// <summary>Every risk the filter keeps, sorted as the page sorts them (the exports).</summary>
    public async Task<IReadOnlyList<RiskExportRow>> ExportAsync(RiskFilter filter, CancellationToken ct)
    {
        var query = Sorted(Filtered(filter), filter);
        var rows = await RowsOfAsync(query, ct);
        var ids = rows.Select(r => r.Id).ToList();
        var texts = await db.Risks.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.Cause, r.Event, r.Effect, r.Controls }).ToDictionaryAsync(r => r.Id, ct);
        var areas = (await (from x in db.RiskAreas join a in db.BusinessAreas on x.BusinessAreaId equals a.Id where ids.Contains(x.RiskId) select new { x.RiskId, a.Code })
            .ToListAsync(ct)).ToLookup(x => x.RiskId, x => x.Code);
        return rows.Select(r => new RiskExportRow(r, texts[r.Id].Cause, texts[r.Id].Event, texts[r.Id].Effect, texts[r.Id].Controls,
            areas[r.Id].Order(StringComparer.Ordinal).ToList())).ToList();
    }

    private IQueryable<Risk> Filtered(RiskFilter f)
    {
        var q = db.Risks.AsNoTracking();
        q = Trimmed(f.Status) switch
        {
            null => q.Where(r => r.Status != RiskStatus.Closed),
            "All" => q,
            var s when Enum.TryParse<RiskStatus>(s, ignoreCase: true, out var status) => q.Where(r => r.Status == status),
            _ => q.Where(r => r.Status != RiskStatus.Closed),
        };
        if (f.Level is { } level) q = q.Where(r => r.Level == level);
        if (Trimmed(f.Release) is { } release) q = q.Where(r => db.RiskReleases.Any(x => x.RiskId == r.Id && db.Releases.Any(rel => rel.Id == x.ReleaseId && rel.Code == release)));
        if (Trimmed(f.Area) is { } area) q = q.Where(r => db.RiskAreas.Any(x => x.RiskId == r.Id && db.BusinessAreas.Any(a => a.Id == x.BusinessAreaId && a.Code == area)));
        if (Trimmed(f.Owner) is { } owner) q = q.Where(r => r.OwnerUserId == owner);
        if (f.Likelihood is { } l) q = q.Where(r => r.Likelihood == l);
        if (f.Impact is { } i) q = q.Where(r => r.Impact == i);
        return q;
    }

    private IQueryable<Risk> Sorted(IQueryable<Risk> q, RiskFilter f)
    {
        var desc = f.Descending;
        IOrderedQueryable<Risk> sorted = f.Sort switch
        {
            "ref" => desc ? q.OrderByDescending(r => r.Id) : q.OrderBy(r => r.Id),
            "title" => desc ? q.OrderByDescending(r => r.Title) : q.OrderBy(r => r.Title),
            "level" => desc ? q.OrderByDescending(r => r.Level == RiskLevel.Portfolio ? 0 : r.Level == RiskLevel.Programme ? 1 : 2) : q.OrderBy(r => r.Level == RiskLevel.Portfolio ? 0 : r.Level == RiskLevel.Programme ? 1 : 2),
            "owner" => desc ? q.OrderByDescending(r => db.Users.Where(u => u.Id == r.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault())
                : q.OrderBy(r => db.Users.Where(u => u.Id == r.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault()),
            "status" => desc ? q.OrderByDescending(r => r.Status == RiskStatus.Open ? 0 : r.Status == RiskStatus.Realised ? 1 : r.Status == RiskStatus.Mitigated ? 2 : 3)
                : q.OrderBy(r => r.Status == RiskStatus.Open ? 0 : r.Status == RiskStatus.Realised ? 1 : r.Status == RiskStatus.Mitigated ? 2 : 3),
            "proximity" => desc ? q.OrderByDescending(r => r.Proximity == RiskProximity.WithinAMonth ? 0 : r.Proximity == RiskProximity.OneToThreeMonths ? 1 : r.Proximity == RiskProximity.ThreeToSixMonths ? 2 : 3)
                : q.OrderBy(r => r.Proximity == RiskProximity.WithinAMonth ? 0 : r.Proximity == RiskProximity.OneToThreeMonths ? 1 : r.Proximity == RiskProximity.ThreeToSixMonths ? 2 : 3),
            "review" => desc ? q.OrderByDescending(r => r.ReviewOn) : q.OrderBy(r => r.ReviewOn),
            // Unsorted, the biggest risks come first; "score" ascending is the one way to see the smallest first.
            "score" => desc ? q.OrderByDescending(r => r.Score) : q.OrderBy(r => r.Score),
            _ => q.OrderByDescending(r => r.Score),
        };
        return sorted.ThenBy(r => r.Id);
    }

    private async Task<List<RiskRow>> RowsOfAsync(IQueryable<Risk> query, CancellationToken ct)
    {
        var today = clock.Today;
        var raw = await query.Select(r => new
        {
            r.Id, r.Title, r.Level, Programme = db.Programmes.Where(p => p.Id == r.ProgrammeId).Select(p => p.Code).FirstOrDefault(),
            Owner = db.Users.Where(u => u.Id == r.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault(),
            r.Likelihood, r.Impact, r.Score, r.Status, r.Proximity, r.ReviewOn,
            OpenActions = r.Actions.Count(a => a.DoneAtUtc == null),
            OverdueActions = r.Actions.Count(a => a.DoneAtUtc == null && a.DueOn < today),
        }).ToListAsync(ct);
        var ids = raw.Select(r => r.Id).ToList();
        var releases = (await (from x in db.RiskReleases join rel in db.Releases on x.ReleaseId equals rel.Id where ids.Contains(x.RiskId) select new { x.RiskId, rel.Code })
            .ToListAsync(ct)).ToLookup(x => x.RiskId, x => x.Code);
        return raw.Select(r => new RiskRow(r.Id, r.Title, r.Level, r.Programme, r.Owner ?? "", r.Likelihood, r.Impact, r.Score, r.Status, r.Proximity, r.ReviewOn,
            r.Status != RiskStatus.Closed && r.ReviewOn < today, r.OpenActions, r.OverdueActions, releases[r.Id].Order(StringComparer.Ordinal).ToList())).ToList();
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A row of the CSV and Excel exports: the list's columns and the risk's texts.</summary>
public sealed record RiskExportRow(RiskRow Row, string Cause, string Event, string Effect, string Controls, IReadOnlyList<string> Areas);
