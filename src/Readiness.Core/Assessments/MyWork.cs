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

/// <summary>"My work": the returns of the team lead's areas, overdue first, then by due date.</summary>
public sealed class MyWork(ReadinessDbContext db, ReadinessClock clock)
{
    public async Task<IReadOnlyList<MyWorkItem>> ForTeamLeadAsync(string userId, CancellationToken ct)
    {
        var areaIds = db.AreaMemberships.Where(m => m.UserId == userId && m.Role == AreaRole.TeamLead).Select(m => m.BusinessAreaId);
        var rows = await (
            from a in db.Assessments
            where areaIds.Contains(a.BusinessAreaId)
            join g in db.Gates on a.GateId equals g.Id
            where g.Kind != Portfolio.GateKind.PostGoLiveReview // the area's BCMs review after go-live, not its team leads
            join r in db.Releases on a.ReleaseId equals r.Id
            join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
            select new
            {
                a.Id, r.Code, ReleaseName = r.Name, GateName = g.Name, AreaName = area.Name, r.GoLive, g.DueOffsetDays,
                a.Status, a.Rag, a.TemplateId, a.BusinessAreaId, a.ReleaseId,
                Answered = db.Answers.Count(x => x.AssessmentId == a.Id && x.Value != ""),
            }).ToListAsync(ct);

        var applicable = await ApplicableCountsAsync(rows.Select(r => (r.TemplateId, r.ReleaseId, r.BusinessAreaId)).Distinct(), ct);
        var today = clock.Today;
        return rows
            .Select(r => new MyWorkItem(r.Id, r.Code, r.ReleaseName, r.GateName, r.AreaName, r.GoLive.AddDays(r.DueOffsetDays), r.Status,
                r.Answered, applicable[(r.TemplateId, r.ReleaseId, r.BusinessAreaId)], r.Rag))
            .OrderByDescending(i => i.IsOverdueOn(today))
            .ThenBy(i => i.IsOpen ? 0 : 1)
            .ThenBy(i => i.DueOn)
            .ToList();
    }

    /// <summary>How many criteria apply to each (template, release, area): applies-if depends on the area's impact.</summary>
    private async Task<Dictionary<(int, int, int), int>> ApplicableCountsAsync(IEnumerable<(int TemplateId, int ReleaseId, int AreaId)> keys, CancellationToken ct)
    {
        var list = keys.ToList();
        var templateIds = list.Select(k => k.TemplateId).Distinct().ToList();
        var releaseIds = list.Select(k => k.ReleaseId).Distinct().ToList();
        var criteria = await db.Templates.Where(t => templateIds.Contains(t.Id))
            .Select(t => new { t.Id, Criteria = t.Sections.SelectMany(s => s.Criteria).ToList() })
            .ToDictionaryAsync(t => t.Id, t => t.Criteria, ct);
        var impacts = await db.Impacts.Where(i => releaseIds.Contains(i.ReleaseId)).ToListAsync(ct);
        return list.ToDictionary(k => (k.TemplateId, k.ReleaseId, k.AreaId), k =>
        {
            var impact = impacts.FirstOrDefault(i => i.ReleaseId == k.ReleaseId && i.BusinessAreaId == k.AreaId);
            return criteria[k.TemplateId].Count(c => c.AppliesTo(impact));
        });
    }
}
