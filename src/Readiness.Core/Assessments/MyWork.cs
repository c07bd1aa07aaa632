using System.Linq.Expressions;
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

    public async Task<MyWorkPage> PageAsync(string userId, bool all, int page, CancellationToken ct)
    {
        var (today, recentFrom) = (clock.Today, clock.UtcNow.AddDays(-RecentDays));
        var counts = await CountsOf.For(db)(db, userId, today, recentFrom, ct);
        var total = (all ? counts?.All : counts?.Recent) ?? 0;
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var items = await ItemsAsync(PageOf.For(db)(db, userId, all, /* openOnly */ false, today, recentFrom, (page - 1) * PageSize, PageSize), ct);
        return new MyWorkPage(items, page, PageSize, total, counts?.Open ?? 0, counts?.Overdue ?? 0, (counts?.All ?? 0) - (counts?.Open ?? 0), all);
    }

    /// <summary>The open returns due soonest (the dashboard), how many are open in all, and how many are done.</summary>
    public async Task<(IReadOnlyList<MyWorkItem> Soonest, int Open, int Done)> OpenAsync(string userId, int take, CancellationToken ct)
    {
        var (today, recentFrom) = (clock.Today, clock.UtcNow.AddDays(-RecentDays));
        // My work's order among open returns is by due date (the overdue ones are those due before today).
        var soonest = await ItemsAsync(PageOf.For(db)(db, userId, /* all */ true, /* openOnly */ true, today, recentFrom, 0, take), ct);
        var counts = await CountsOf.For(db)(db, userId, today, recentFrom, ct);
        return (soonest, counts?.Open ?? 0, (counts?.All ?? 0) - (counts?.Open ?? 0));
    }

    /// <summary>
    /// One of the team lead's returns as far as sorting, filtering and counting go: the columns of My work's read model
    /// (<see cref="ReturnSummary"/>) and its index, so counting and choosing a page read that index alone, never the
    /// returns' rows or their gates; the shown page's details are joined to the chosen page only.
    /// </summary>
    private sealed class Row
    {
        public required int Id { get; init; }
        public required AssessmentStatus Status { get; init; }
        public required DateTime? SubmittedAtUtc { get; init; }
        public required DateOnly DueOn { get; init; }
        public required bool Open { get; init; }
    }

    // Declared before the compiled queries that use it (static fields initialise in order).
    private static readonly Expression<Func<ReturnSummary, Row>> AsRow = s => new Row
    {
        Id = s.AssessmentId, Status = s.Status, SubmittedAtUtc = s.SubmittedAtUtc, DueOn = s.DueOn,
        Open = s.Status == AssessmentStatus.NotStarted || s.Status == AssessmentStatus.Draft || s.Status == AssessmentStatus.Returned,
    };

    private sealed class Counts
    {
        public required int Open { get; init; }
        public required int Overdue { get; init; }
        public required int All { get; init; }
        public required int Recent { get; init; }
    }

    // My work's two queries are compiled once: every team lead's My work and dashboard run them. Both read the team
    // lead's areas' returns, except post-go-live reviews (the area's BCMs review after go-live, not its team leads).

    /// <summary>Every count in one pass over the team lead's returns, the number shown by default (open and recent) among them.</summary>
    private static readonly CompiledPerModel<Func<ReadinessDbContext, string, DateOnly, DateTime, CancellationToken, Task<Counts?>>> CountsOf = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, string userId, DateOnly today, DateTime recentFrom, CancellationToken ct) =>
            db.ReturnSummaries.AsNoTracking()
                .Where(s => db.AreaMemberships.Where(m => m.UserId == userId && m.Role == AreaRole.TeamLead).Select(m => m.BusinessAreaId).Contains(s.BusinessAreaId) && !s.Review)
                .Select(AsRow)
                .GroupBy(_ => 1)
                .Select(g => new Counts
                {
                    Open = g.Count(r => r.Open), Overdue = g.Count(r => r.Open && r.DueOn < today), All = g.Count(),
                    Recent = g.Count(r => r.Open || r.Status == AssessmentStatus.Submitted || r.SubmittedAtUtc >= recentFrom),
                })
                .FirstOrDefault()));

    /// <summary>
    /// A page of the team lead's returns (all, or open and recent; or open only), overdue first, then the other open
    /// ones by due date, then the rest, with what the list shows and each one's impact for the criteria that apply.
    /// </summary>
    private static readonly CompiledPerModel<Func<ReadinessDbContext, string, bool, bool, DateOnly, DateTime, int, int, IAsyncEnumerable<ItemRow>>> PageOf = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, string userId, bool all, bool openOnly, DateOnly today, DateTime recentFrom, int skip, int take) =>
            from x in db.ReturnSummaries.AsNoTracking()
                .Where(s => db.AreaMemberships.Where(m => m.UserId == userId && m.Role == AreaRole.TeamLead).Select(m => m.BusinessAreaId).Contains(s.BusinessAreaId) && !s.Review)
                .Select(AsRow)
                .Where(r => (all || r.Open || r.Status == AssessmentStatus.Submitted || r.SubmittedAtUtc >= recentFrom) && (!openOnly || r.Open))
                .OrderBy(r => r.Open && r.DueOn < today ? 0 : 1).ThenBy(r => r.Open ? 0 : 1).ThenBy(r => r.DueOn).ThenBy(r => r.Id)
                .Skip(skip).Take(take)
            join a in db.Assessments on x.Id equals a.Id
            join g in db.Gates on a.GateId equals g.Id
            join r in db.Releases on a.ReleaseId equals r.Id
            join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
            join i in db.Impacts on new { a.ReleaseId, a.BusinessAreaId } equals new { i.ReleaseId, i.BusinessAreaId } into impacts
            from impact in impacts.DefaultIfEmpty()
            select new ItemRow
            {
                Id = a.Id, Code = r.Code, ReleaseName = r.Name, GateName = g.Name, AreaName = area.Name, DueOn = x.DueOn,
                Status = a.Status, Rag = a.Rag, TemplateId = a.TemplateId, Impact = impact,
                Answered = db.Answers.Count(v => v.AssessmentId == a.Id && v.Value != ""),
            }));

    private sealed class ItemRow
    {
        public required int Id { get; init; }
        public required string Code { get; init; }
        public required string ReleaseName { get; init; }
        public required string GateName { get; init; }
        public required string AreaName { get; init; }
        public required DateOnly DueOn { get; init; }
        public required AssessmentStatus Status { get; init; }
        public required Rag? Rag { get; init; }
        public required int TemplateId { get; init; }
        public required Impact? Impact { get; init; }
        public required int Answered { get; init; }
    }

    /// <summary>The page's rows as My work lists them, with how many of each one's criteria apply to its area's impact.</summary>
    private async Task<List<MyWorkItem>> ItemsAsync(IAsyncEnumerable<ItemRow> page, CancellationToken ct)
    {
        var rows = await page.ToListAsync(ct);
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
