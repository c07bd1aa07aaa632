using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
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
public sealed class MyWork(ReadinessDbContext db, ReadinessClock clock, TemplateRules? templateRules = null)
{
    private readonly TemplateRules _templateRules = templateRules ?? new TemplateRules();

    public const int PageSize = 25;
    public const int RecentDays = 28;

    public async Task<MyWorkPage> PageAsync(string userId, bool all, int page, CancellationToken ct)
    {
        var (today, recentFrom) = (clock.Today, clock.UtcNow.AddDays(-RecentDays));
        if (await CountsOf.For(db)(db, userId, false, today, recentFrom, ct) is not { } counts) return new MyWorkPage([], 1, PageSize, 0, 0, 0, 0, all);
        var total = all ? counts.All : counts.Recent;
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        // The open returns come first, and among them "overdue first, then by due date" is the due date's own order
        // (the overdue ones are those due before today); the rest follow by due date. So a page is read from the open
        // segment and, past its end, from the rest: each sorts only its own rows, where one query over both sorted
        // every return of the team lead's areas to find 25 (its cost grew with the portfolio).
        var skip = (page - 1) * PageSize;
        var ids = skip < counts.Open ? await OpenIdsOf.For(db)(db, userId, false, skip, PageSize).ToListAsync(ct) : [];
        if (ids.Count < PageSize)
            ids.AddRange(await RestIdsOf.For(db)(db, userId, false, all, recentFrom, Math.Max(0, skip - counts.Open), PageSize - ids.Count).ToListAsync(ct));
        return new MyWorkPage(await ItemsAsync(ids, ct), page, PageSize, total, counts.Open, counts.Overdue, counts.All - counts.Open, all);
    }

    /// <summary>The open returns due soonest (the dashboard), how many are open in all, and how many are done.</summary>
    public async Task<(IReadOnlyList<MyWorkItem> Soonest, int Open, int Done)> OpenAsync(string userId, int take, CancellationToken ct)
    {
        if (await CountsOf.For(db)(db, userId, false, clock.Today, clock.UtcNow.AddDays(-RecentDays), ct) is not { } counts) return ([], 0, 0);
        var soonest = await ItemsAsync(await OpenIdsOf.For(db)(db, userId, false, 0, take).ToListAsync(ct), ct);
        return (soonest, counts.Open, counts.All - counts.Open);
    }

    /// <summary>Waiting for the team lead (as <see cref="MyWorkItem.IsOpen"/>), as SQL can seek it in the read model's index.</summary>
    private static readonly Expression<Func<ReturnSummary, bool>> IsOpen = s =>
        s.Status == AssessmentStatus.NotStarted || s.Status == AssessmentStatus.Draft || s.Status == AssessmentStatus.Returned;

    private sealed class Counts
    {
        public required int Open { get; init; }
        public required int Overdue { get; init; }
        public required int All { get; init; }
        public required int Recent { get; init; }
    }

    // My work's queries are compiled once: every team lead's My work and dashboard run them. They read the returns of
    // the team lead's areas from My work's read model (ReturnSummary) and its index (area, review, status, submitted,
    // due), except post-go-live reviews (the area's BCMs review after go-live, not its team leads): `reviews` is always
    // false, a parameter because EF Core writes a comparison with the constant as `NOT Review`, which SQLite cannot
    // seek in the index (4× slower at ten times the report's size), and `Review = @reviews` it can. The areas are a
    // sub-query of each (ForTeamLead), not a query of their own whose ids each query is then sent.

    /// <summary>The areas whose returns are the team lead's.</summary>
    private static readonly Expression<Func<ReadinessDbContext, string, IQueryable<int>>> AreasOf = (db, userId) =>
        db.AreaMemberships.Where(m => m.UserId == userId && m.Role == AreaRole.TeamLead).Select(m => m.BusinessAreaId);

    /// <summary>
    /// A query written over the team lead's areas (its second parameter), as a query of the team lead's id: the areas'
    /// parameter becomes <see cref="AreasOf"/>, which SQLite reads once per statement, as it read the list it replaces.
    /// </summary>
    private static Expression<TCompiled> ForTeamLead<TCompiled>(LambdaExpression query)
    {
        var (db, areas) = (query.Parameters[0], query.Parameters[1]);
        var userId = Expression.Parameter(typeof(string), "userId");
        var areasOfUser = ReplacingExpressionVisitor.Replace(AreasOf.Parameters[1], userId, ReplacingExpressionVisitor.Replace(AreasOf.Parameters[0], db, AreasOf.Body));
        return Expression.Lambda<TCompiled>(ReplacingExpressionVisitor.Replace(areas, areasOfUser, query.Body), [db, userId, .. query.Parameters.Skip(2)]);
    }

    /// <summary>
    /// Every count. Open, all and those with the BCM are sums of the areas' <see cref="ReturnCount"/> rows: counting
    /// the returns themselves read all of the team lead's, 3,345 for the busy team lead at ten times the report's size.
    /// Overdue (due before today) is a range of the index in each open status, and the returns approved since
    /// <c>recentFrom</c> a range in each approved one: both are dates, which no count kept in advance can know. Recent:
    /// the open ones, those with the BCM, and the others submitted since <c>recentFrom</c>. None for a person who leads
    /// no area.
    /// </summary>
    private static readonly CompiledPerModel<Func<ReadinessDbContext, string, bool, DateOnly, DateTime, CancellationToken, Task<Counts?>>> CountsOf = new(() =>
        EF.CompileAsyncQuery(ForTeamLead<Func<ReadinessDbContext, string, bool, DateOnly, DateTime, CancellationToken, Counts?>>(
            (ReadinessDbContext db, IQueryable<int> areas, bool reviews, DateOnly today, DateTime recentFrom, CancellationToken ct) =>
            // One row to carry the four counts, each a sub-query of it: the team lead's first area (LINQ has no FROM-less SELECT).
            db.BusinessAreas.Where(a => areas.Contains(a.Id)).OrderBy(a => a.Id).Select(_ => new Counts
            {
                Open = db.ReturnCounts.Where(c => areas.Contains(c.BusinessAreaId) && c.Review == reviews)
                    .Where(c => c.Status == AssessmentStatus.NotStarted || c.Status == AssessmentStatus.Draft || c.Status == AssessmentStatus.Returned).Sum(c => c.Count),
                Overdue = db.ReturnSummaries.Where(s => areas.Contains(s.BusinessAreaId) && s.Review == reviews).Where(IsOpen).Count(s => s.DueOn < today),
                All = db.ReturnCounts.Where(c => areas.Contains(c.BusinessAreaId) && c.Review == reviews).Sum(c => c.Count),
                Recent = db.ReturnCounts.Where(c => areas.Contains(c.BusinessAreaId) && c.Review == reviews).Where(c =>
                        c.Status == AssessmentStatus.NotStarted || c.Status == AssessmentStatus.Draft || c.Status == AssessmentStatus.Returned || c.Status == AssessmentStatus.Submitted).Sum(c => c.Count)
                    + db.ReturnSummaries.Where(s => areas.Contains(s.BusinessAreaId) && s.Review == reviews).Count(s =>
                        (s.Status == AssessmentStatus.Approved || s.Status == AssessmentStatus.ApprovedWithConditions) && s.SubmittedAtUtc >= recentFrom),
            }).FirstOrDefault())));

    /// <summary>The open segment of My work's order: the open returns by due date (the overdue ones first, by definition).</summary>
    private static readonly CompiledPerModel<Func<ReadinessDbContext, string, bool, int, int, IAsyncEnumerable<int>>> OpenIdsOf = new(() =>
        EF.CompileAsyncQuery(ForTeamLead<Func<ReadinessDbContext, string, bool, int, int, IQueryable<int>>>(
            (ReadinessDbContext db, IQueryable<int> areas, bool reviews, int skip, int take) =>
            db.ReturnSummaries.AsNoTracking().Where(s => areas.Contains(s.BusinessAreaId) && s.Review == reviews).Where(IsOpen)
                .OrderBy(s => s.DueOn).ThenBy(s => s.AssessmentId).Skip(skip).Take(take).Select(s => s.AssessmentId))));

    /// <summary>The rest, after the open segment, by due date: all of it, or those with the BCM and those submitted since <c>recentFrom</c>.</summary>
    private static readonly CompiledPerModel<Func<ReadinessDbContext, string, bool, bool, DateTime, int, int, IAsyncEnumerable<int>>> RestIdsOf = new(() =>
        EF.CompileAsyncQuery(ForTeamLead<Func<ReadinessDbContext, string, bool, bool, DateTime, int, int, IQueryable<int>>>(
            (ReadinessDbContext db, IQueryable<int> areas, bool reviews, bool all, DateTime recentFrom, int skip, int take) =>
            db.ReturnSummaries.AsNoTracking().Where(s => areas.Contains(s.BusinessAreaId) && s.Review == reviews)
                .Where(s => s.Status == AssessmentStatus.Submitted || s.Status == AssessmentStatus.Approved || s.Status == AssessmentStatus.ApprovedWithConditions)
                .Where(s => all || s.Status == AssessmentStatus.Submitted || s.SubmittedAtUtc >= recentFrom)
                .OrderBy(s => s.DueOn).ThenBy(s => s.AssessmentId).Skip(skip).Take(take).Select(s => s.AssessmentId))));

    /// <summary>What the list shows of the chosen returns, with each one's impact for the criteria that apply.</summary>
    private static readonly CompiledPerModel<Func<ReadinessDbContext, List<int>, IAsyncEnumerable<ItemRow>>> ItemsOf = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, List<int> ids) =>
            from a in db.Assessments.AsNoTracking()
            where ids.Contains(a.Id)
            join x in db.ReturnSummaries on a.Id equals x.AssessmentId
            join g in db.Gates on a.GateId equals g.Id
            join r in db.Releases on a.ReleaseId equals r.Id
            join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
            join i in db.Impacts on new { a.ReleaseId, a.BusinessAreaId } equals new { i.ReleaseId, i.BusinessAreaId } into impacts
            from impact in impacts.DefaultIfEmpty()
            select new ItemRow
            {
                // The due date as its day number, and of the impact only what the applies-if rules read: a date read as
                // text goes through .NET's general date parser, and a whole Impact entity was half the rows' reading.
                Id = a.Id, Code = r.Code, ReleaseName = r.Name, GateName = g.Name, AreaName = area.Name, DueDay = x.DueOn.DayNumber,
                Status = a.Status, Rag = a.Rag, TemplateId = a.TemplateId,
                Level = (ImpactLevel?)impact.Level, TrainingHours = (decimal?)impact.TrainingHoursPerPerson, HypercareWeeks = (int?)impact.HypercareWeeks,
                Answered = a.AnsweredCriteria,
            }));

    private sealed class ItemRow
    {
        public required int Id { get; init; }
        public required string Code { get; init; }
        public required string ReleaseName { get; init; }
        public required string GateName { get; init; }
        public required string AreaName { get; init; }
        public required int DueDay { get; init; }
        public required AssessmentStatus Status { get; init; }
        public required Rag? Rag { get; init; }
        public required int TemplateId { get; init; }
        public required ImpactLevel? Level { get; init; }
        public required decimal? TrainingHours { get; init; }
        public required int? HypercareWeeks { get; init; }
        public required int Answered { get; init; }
    }

    /// <summary>The page's rows as My work lists them, with how many of each one's criteria apply to its area's impact.</summary>
    private async Task<List<MyWorkItem>> ItemsAsync(List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var rows = (await ItemsOf.For(db)(db, ids).ToListAsync(ct)).OrderBy(r => order[r.Id]).ToList();
        var rules = await _templateRules.ForAsync(db, rows.Select(r => r.TemplateId).ToList(), ct);
        return rows.Select(r => new MyWorkItem(r.Id, r.Code, r.ReleaseName, r.GateName, r.AreaName, DateOnly.FromDayNumber(r.DueDay), r.Status,
            r.Answered, rules[r.TemplateId].Count(rule => rule.AppliesTo(r.Level, r.TrainingHours ?? 0, r.HypercareWeeks ?? 0)), r.Rag)).ToList();
    }
}
