using Microsoft.EntityFrameworkCore;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;

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

    /// <summary>
    /// One of the team lead's returns as far as sorting, filtering and counting go: the columns of My work's read model
    /// (<see cref="ReturnSummary"/>) and its index, so counting and choosing a page read that index alone, never the
    /// returns' rows or their gates; the shown page's rows are read afterwards by id.
    /// </summary>
    private sealed class Row
    {
        public required int Id { get; init; }
        public required AssessmentStatus Status { get; init; }
        public required DateTime? SubmittedAtUtc { get; init; }
        public required DateOnly DueOn { get; init; }
        public required bool Open { get; init; }
    }

    private IQueryable<Row> Returns(string userId)
    {
        var areaIds = db.AreaMemberships.Where(m => m.UserId == userId && m.Role == AreaRole.TeamLead).Select(m => m.BusinessAreaId);
        return from s in db.ReturnSummaries.AsNoTracking()
               where areaIds.Contains(s.BusinessAreaId) && !s.Review // the area's BCMs review after go-live, not its team leads
               select new Row
               {
                   Id = s.AssessmentId, Status = s.Status, SubmittedAtUtc = s.SubmittedAtUtc, DueOn = s.DueOn,
                   Open = s.Status == AssessmentStatus.NotStarted || s.Status == AssessmentStatus.Draft || s.Status == AssessmentStatus.Returned,
               };
    }

    public async Task<MyWorkPage> PageAsync(string userId, bool all, int page, CancellationToken ct)
    {
        var today = clock.Today;
        var recentFrom = clock.UtcNow.AddDays(-RecentDays);
        var returns = Returns(userId);
        // Every count in one pass over the team lead's returns, the number shown by default among them.
        var counts = await returns.GroupBy(_ => 1).Select(g => new
        {
            Open = g.Count(r => r.Open), Overdue = g.Count(r => r.Open && r.DueOn < today), All = g.Count(),
            Recent = g.Count(r => r.Open || r.Status == AssessmentStatus.Submitted || r.SubmittedAtUtc >= recentFrom),
        }).FirstOrDefaultAsync(ct);
        var shown = all ? returns : returns.Where(r => r.Open || r.Status == AssessmentStatus.Submitted || r.SubmittedAtUtc >= recentFrom);
        var total = (all ? counts?.All : counts?.Recent) ?? 0;
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var items = await ItemsAsync(Sorted(shown, today).Skip((page - 1) * PageSize).Take(PageSize), ct);
        return new MyWorkPage(items, page, PageSize, total, counts?.Open ?? 0, counts?.Overdue ?? 0, (counts?.All ?? 0) - (counts?.Open ?? 0), all);
    }

    /// <summary>The open returns due soonest (the dashboard), how many are open in all, and how many are done.</summary>
    public async Task<(IReadOnlyList<MyWorkItem> Soonest, int Open, int Done)> OpenAsync(string userId, int take, CancellationToken ct)
    {
        var returns = Returns(userId);
        var soonest = await ItemsAsync(returns.Where(r => r.Open).OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(take), ct);
        // Both counts in one pass, as the page counts.
        var counts = await returns.GroupBy(_ => 1).Select(g => new { Open = g.Count(r => r.Open), All = g.Count() }).FirstOrDefaultAsync(ct);
        return (soonest, counts?.Open ?? 0, (counts?.All ?? 0) - (counts?.Open ?? 0));
    }

    private static IQueryable<Row> Sorted(IQueryable<Row> rows, DateOnly today) =>
        rows.OrderBy(r => r.Open && r.DueOn < today ? 0 : 1).ThenBy(r => r.Open ? 0 : 1).ThenBy(r => r.DueOn).ThenBy(r => r.Id);

    /// <summary>The page's returns with what the list shows, and each one's impact for the criteria that apply (one query).</summary>
    private async Task<List<MyWorkItem>> ItemsAsync(IQueryable<Row> page, CancellationToken ct)
    {
        var rows = await (from x in page
                          join a in db.Assessments on x.Id equals a.Id
                          join g in db.Gates on a.GateId equals g.Id
                          join r in db.Releases on a.ReleaseId equals r.Id
                          join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                          join i in db.Impacts on new { a.ReleaseId, a.BusinessAreaId } equals new { i.ReleaseId, i.BusinessAreaId } into impacts
                          from impact in impacts.DefaultIfEmpty()
                          select new
                          {
                              a.Id, r.Code, ReleaseName = r.Name, GateName = g.Name, AreaName = area.Name, x.DueOn,
                              a.Status, a.Rag, a.TemplateId, Impact = impact,
                              Answered = db.Answers.Count(v => v.AssessmentId == a.Id && v.Value != ""),
                          }).AsNoTracking().ToListAsync(ct);
        var rules = await ApplicabilityAsync(rows.Select(r => r.TemplateId).Distinct().ToList(), ct);
        return rows.Select(r => new MyWorkItem(r.Id, r.Code, r.ReleaseName, r.GateName, r.AreaName, r.DueOn, r.Status,
            r.Answered, rules.GetValueOrDefault(r.TemplateId, []).Count(c => Criterion.Applies(c.MinImpactLevel, c.IfTraining, c.IfHypercare, r.Impact)), r.Rag)).ToList();
    }

    private sealed record Rule(ImpactLevel? MinImpactLevel, bool IfTraining, bool IfHypercare);

    /// <summary>The applies-if rules of each template's criteria (criteria apply by the area's impact): the rules only, not the criteria.</summary>
    private async Task<Dictionary<int, List<Rule>>> ApplicabilityAsync(List<int> templateIds, CancellationToken ct)
    {
        var rules = new Dictionary<int, List<Rule>>();
        await foreach (var r in RulesOf.For(db)(db, templateIds).WithCancellation(ct))
            (rules.TryGetValue(r.TemplateId, out var list) ? list : rules[r.TemplateId] = []).Add(new Rule(r.MinImpactLevel, r.IfTraining, r.IfHypercare));
        return rules;
    }

    /// <summary>Compiled once: every My work page and dashboard runs it.</summary>
    private static readonly CompiledPerModel<Func<ReadinessDbContext, List<int>, IAsyncEnumerable<TemplateRule>>> RulesOf = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, List<int> templateIds) =>
            from c in db.Criteria.AsNoTracking()
            join s in db.TemplateSections on c.SectionId equals s.Id
            where templateIds.Contains(s.TemplateId)
            select new TemplateRule(s.TemplateId, c.AppliesIfMinImpactLevel, c.AppliesIfTraining, c.AppliesIfHypercare)));

    private sealed record TemplateRule(int TemplateId, ImpactLevel? MinImpactLevel, bool IfTraining, bool IfHypercare);
}
