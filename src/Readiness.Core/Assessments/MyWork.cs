using Microsoft.EntityFrameworkCore;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Assessments;

public sealed record MyWorkItem(
    int AssessmentId,
    string ReleaseCode,
    string ReleaseName,
    string GateName,
    string AreaName,
    DateOnly DueOn,
    AssessmentStatus Status,
    int Answered,
    int Applicable,
    Rag? Rag)
{
    /// <summary>Waiting for the team lead: not started, in progress, or returned by the BCM.</summary>
    public bool IsOpen => Status is AssessmentStatus.NotStarted or AssessmentStatus.Draft or AssessmentStatus.Returned;
    public bool IsOverdueOn(DateOnly today) => IsOpen && DueOn < today;
    public int ProgressPercent => Applicable == 0 ? 0 : (int)Math.Round(100m * Answered / Applicable);
}

/// <summary>A page of My work, with the counts over all of the team lead's returns.</summary>
public sealed record MyWorkPage(IReadOnlyList<MyWorkItem> Items, int Page, int PageSize, int Total, int Open, int Overdue, int Done, bool All)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// "My work": the returns of the team lead's areas, overdue first, then the other open ones by due date, then the rest.
/// By default the open returns and the recent ones (with the BCM, or submitted in the last <see cref="RecentDays"/>
/// days); a page at a time, sorted and counted in SQL on the gates' stored due dates.
/// </summary>
public sealed class MyWork(ReadinessDbContext db, ReadinessClock clock)
{
    public const int PageSize = 25;
    public const int RecentDays = 28;

    private sealed class Row
    {
        public required Assessment A { get; init; }
        public required DateOnly DueOn { get; init; }
        public required bool Open { get; init; }
    }

    private IQueryable<Row> Returns(string userId)
    {
        var areaIds = db.AreaMemberships.Where(m => m.UserId == userId && m.Role == AreaRole.TeamLead).Select(m => m.BusinessAreaId);
        return from a in db.Assessments.AsNoTracking()
               where areaIds.Contains(a.BusinessAreaId)
               join s in db.GateSummaries on a.GateId equals s.GateId
               where s.Kind != Portfolio.GateKind.PostGoLiveReview // the area's BCMs review after go-live, not its team leads
               select new Row
               {
                   A = a, DueOn = s.DueOn,
                   Open = a.Status == AssessmentStatus.NotStarted || a.Status == AssessmentStatus.Draft || a.Status == AssessmentStatus.Returned,
               };
    }

    public async Task<MyWorkPage> PageAsync(string userId, bool all, int page, CancellationToken ct)
    {
        var today = clock.Today;
        var returns = Returns(userId);
        var counts = await returns.GroupBy(_ => 1).Select(g => new
        {
            Open = g.Count(r => r.Open), Overdue = g.Count(r => r.Open && r.DueOn < today), All = g.Count(),
        }).FirstOrDefaultAsync(ct);
        var recentFrom = clock.UtcNow.AddDays(-RecentDays);
        var shown = all ? returns : returns.Where(r => r.Open || r.A.Status == AssessmentStatus.Submitted || r.A.SubmittedAtUtc >= recentFrom);
        var total = all ? counts?.All ?? 0 : await shown.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var items = await ItemsAsync(Sorted(shown, today).Skip((page - 1) * PageSize).Take(PageSize), ct);
        return new MyWorkPage(items, page, PageSize, total, counts?.Open ?? 0, counts?.Overdue ?? 0, (counts?.All ?? 0) - (counts?.Open ?? 0), all);
    }

    /// <summary>The open returns due soonest (the dashboard), how many are open in all, and how many are done.</summary>
    public async Task<(IReadOnlyList<MyWorkItem> Soonest, int Open, int Done)> OpenAsync(string userId, int take, CancellationToken ct)
    {
        var returns = Returns(userId);
        var soonest = await ItemsAsync(returns.Where(r => r.Open).OrderBy(r => r.DueOn).ThenBy(r => r.A.Id).Take(take), ct);
        var open = await returns.CountAsync(r => r.Open, ct);
        return (soonest, open, await returns.CountAsync(ct) - open);
    }

    private static IQueryable<Row> Sorted(IQueryable<Row> rows, DateOnly today) =>
        rows.OrderBy(r => r.Open && r.DueOn < today ? 0 : 1).ThenBy(r => r.Open ? 0 : 1).ThenBy(r => r.DueOn).ThenBy(r => r.A.Id);

    private async Task<List<MyWorkItem>> ItemsAsync(IQueryable<Row> page, CancellationToken ct)
    {
        var rows = await (from x in page
                          join g in db.Gates on x.A.GateId equals g.Id
                          join r in db.Releases on x.A.ReleaseId equals r.Id
                          join area in db.BusinessAreas on x.A.BusinessAreaId equals area.Id
                          select new
                          {
                              x.A.Id, r.Code, ReleaseName = r.Name, GateName = g.Name, AreaName = area.Name, x.DueOn,
                              x.A.Status, x.A.Rag, x.A.TemplateId, x.A.BusinessAreaId, x.A.ReleaseId,
                              Answered = db.Answers.Count(a => a.AssessmentId == x.A.Id && a.Value != ""),
                          }).ToListAsync(ct);
        var applicable = await ApplicableCountsAsync(rows.Select(r => (r.TemplateId, r.ReleaseId, r.BusinessAreaId)).Distinct().ToList(), ct);
        return rows.Select(r => new MyWorkItem(r.Id, r.Code, r.ReleaseName, r.GateName, r.AreaName, r.DueOn, r.Status,
            r.Answered, applicable[(r.TemplateId, r.ReleaseId, r.BusinessAreaId)], r.Rag)).ToList();
    }

    /// <summary>How many criteria apply to each (template, release, area): applies-if depends on the area's impact.</summary>
    private async Task<Dictionary<(int, int, int), int>> ApplicableCountsAsync(IReadOnlyList<(int TemplateId, int ReleaseId, int AreaId)> keys, CancellationToken ct)
    {
        var templateIds = keys.Select(k => k.TemplateId).Distinct().ToList();
        var releaseIds = keys.Select(k => k.ReleaseId).Distinct().ToList();
        var areaIds = keys.Select(k => k.AreaId).Distinct().ToList();
        var criteria = await db.Templates.Where(t => templateIds.Contains(t.Id))
            .Select(t => new { t.Id, Criteria = t.Sections.SelectMany(s => s.Criteria).ToList() })
            .ToDictionaryAsync(t => t.Id, t => t.Criteria, ct);
        var impacts = await db.Impacts.AsNoTracking().Where(i => releaseIds.Contains(i.ReleaseId) && areaIds.Contains(i.BusinessAreaId))
            .ToDictionaryAsync(i => (i.ReleaseId, i.BusinessAreaId), ct);
        return keys.ToDictionary(k => (k.TemplateId, k.ReleaseId, k.AreaId),
            k => criteria[k.TemplateId].Count(c => c.AppliesTo(impacts.GetValueOrDefault((k.ReleaseId, k.AreaId)))));
    }
}
