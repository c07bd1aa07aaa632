using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Assessments;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Portfolio;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// My work as every team lead of the seeded demo sees it, against the rule recomputed from the returns themselves:
/// the team lead's areas' returns except post-go-live reviews, overdue first, then the other open ones by due date,
/// then the rest by due date; by default the open and recent ones; the dashboard's soonest are the first open ones.
/// </summary>
public sealed class MyWorkOrderTests : IAsyncLifetime
{
    private readonly ReadinessFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static bool IsOpen(AssessmentStatus s) => s is AssessmentStatus.NotStarted or AssessmentStatus.Draft or AssessmentStatus.Returned;

    [Fact]
    public async Task Every_team_leads_pages_and_dashboard_follow_the_order_and_scope_of_my_work()
    {
        _factory.Clock.Advance(TimeSpan.FromDays(30)); // some returns fall overdue, some submissions stop being recent
        var clock = _factory.Services.GetRequiredService<ReadinessClock>();
        var (today, recentFrom) = (clock.Today, clock.UtcNow.AddDays(-MyWork.RecentDays));
        var (leads, returns) = await _factory.WithDbAsync(async db => (
            await db.AreaMemberships.Where(m => m.Role == AreaRole.TeamLead).Select(m => new { m.UserId, m.BusinessAreaId }).ToListAsync(),
            await (from a in db.Assessments
                   join g in db.Gates on a.GateId equals g.Id
                   join r in db.Releases on a.ReleaseId equals r.Id
                   where g.Kind != GateKind.PostGoLiveReview
                   select new { a.Id, a.BusinessAreaId, a.Status, a.SubmittedAtUtc, r.GoLive, g.DueOffsetDays }).ToListAsync()));
        var checkedLeads = 0;
        foreach (var lead in leads.GroupBy(m => m.UserId))
        {
            var areas = lead.Select(m => m.BusinessAreaId).ToHashSet();
            var mine = returns.Where(a => areas.Contains(a.BusinessAreaId))
                .Select(a => (a.Id, a.Status, a.SubmittedAtUtc, DueOn: a.GoLive.AddDays(a.DueOffsetDays)))
                .OrderBy(a => IsOpen(a.Status) && a.DueOn < today ? 0 : 1).ThenBy(a => IsOpen(a.Status) ? 0 : 1).ThenBy(a => a.DueOn).ThenBy(a => a.Id).ToList();
            var recent = mine.Where(a => IsOpen(a.Status) || a.Status == AssessmentStatus.Submitted || a.SubmittedAtUtc >= recentFrom).ToList();
            await using var scope = _factory.Services.CreateAsyncScope();
            var work = scope.ServiceProvider.GetRequiredService<MyWork>();

            var all = await work.PageAsync(lead.Key, all: true, 1, CancellationToken.None);
            var shown = await work.PageAsync(lead.Key, all: false, 1, CancellationToken.None);
            Assert.Equal(mine.Take(MyWork.PageSize).Select(a => a.Id), all.Items.Select(i => i.AssessmentId));
            Assert.Equal(recent.Take(MyWork.PageSize).Select(a => a.Id), shown.Items.Select(i => i.AssessmentId));
            Assert.Equal((mine.Count, recent.Count), (all.Total, shown.Total));
            Assert.Equal(mine.Count(a => IsOpen(a.Status)), shown.Open);
            Assert.Equal(mine.Count(a => IsOpen(a.Status) && a.DueOn < today), shown.Overdue);
            Assert.Equal(mine.Count(a => !IsOpen(a.Status)), shown.Done);

            var (soonest, open, done) = await work.OpenAsync(lead.Key, 3, CancellationToken.None);
            Assert.Equal(mine.Where(a => IsOpen(a.Status)).Take(3).Select(a => a.Id), soonest.Select(i => i.AssessmentId));
            Assert.Equal((shown.Open, shown.Done), (open, done));
            if (mine.Count > 0) checkedLeads++;
        }
        Assert.True(checkedLeads >= 5, $"Only {checkedLeads} team leads have returns in the demo.");
    }

    [Fact]
    public async Task Each_return_knows_how_many_answers_have_a_value_and_older_returns_get_it_from_the_migrations_backfill()
    {
        Task<List<(int Id, int Kept, int Counted)>> CountsAsync() => _factory.WithDbAsync(async db =>
            (await db.Assessments.OrderBy(a => a.Id).Select(a => new { a.Id, a.AnsweredCriteria, Counted = db.Answers.Count(v => v.AssessmentId == a.Id && v.Value != "") }).ToListAsync())
            .Select(x => (x.Id, x.AnsweredCriteria, x.Counted)).ToList());

        // Drafts of a few returns: some answers with a value, one with only a comment (not answered).
        await _factory.WithDbAsync(async db =>
        {
            foreach (var a in await db.Assessments.Include(a => a.Answers).OrderBy(a => a.Id).Take(3).ToListAsync())
            {
                var criteria = await db.Criteria.Where(c => db.TemplateSections.Any(s => s.Id == c.SectionId && s.TemplateId == a.TemplateId))
                    .OrderBy(c => c.Id).Select(c => c.Id).Take(a.Id % 3 + 2).ToListAsync();
                var changes = criteria.Select((c, i) => new AnswerChange(c, AnswerContent.From(i == 0 ? "" : "Yes", "", "noted"), 0, AnswerContent.Empty.Fingerprint));
                a.SaveDraft(changes, "user-test", DateTime.UtcNow);
            }
            return await db.SaveChangesAsync();
        });
        var seeded = await CountsAsync();
        Assert.Contains(seeded, c => c.Counted > 0);
        Assert.All(seeded, c => Assert.Equal(c.Counted, c.Kept)); // the demo's answers were saved as drafts are

        await _factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Assessments\" SET \"AnsweredCriteria\" = 0");
            return await db.Database.ExecuteSqlRawAsync(AssessmentBackfillSql.AnsweredCriteria);
        });
        Assert.Equal(seeded, await CountsAsync());
    }

    [Fact]
    public async Task Each_row_counts_the_criteria_that_apply_to_its_areas_impact()
    {
        // Impacts varied so each applies-if rule holds for some returns and not others (low level, no training, no hypercare).
        await _factory.WithDbAsync(async db =>
        {
            var levels = Enum.GetValues<ImpactLevel>();
            foreach (var i in await db.Impacts.OrderBy(i => i.Id).ToListAsync())
                i.Update(i.Headcount, levels[i.Id % levels.Length], i.Id % 3 == 0 ? 0 : 2.5m, i.Id % 4 == 0 ? 0 : 3);
            return await db.SaveChangesAsync();
        });
        var (leads, expected) = await _factory.WithDbAsync(async db =>
        {
            var returns = await db.Assessments.AsNoTracking().Select(a => new { a.Id, a.TemplateId, a.ReleaseId, a.BusinessAreaId }).ToListAsync();
            var impacts = await db.Impacts.AsNoTracking().ToDictionaryAsync(i => (i.ReleaseId, i.BusinessAreaId));
            var criteria = await (from c in db.Criteria.AsNoTracking() join s in db.TemplateSections on c.SectionId equals s.Id select new { s.TemplateId, Criterion = c }).ToListAsync();
            return (await db.AreaMemberships.Where(m => m.Role == AreaRole.TeamLead).Select(m => m.UserId).Distinct().ToListAsync(),
                returns.ToDictionary(a => a.Id, a => criteria.Count(c => c.TemplateId == a.TemplateId && c.Criterion.AppliesTo(impacts.GetValueOrDefault((a.ReleaseId, a.BusinessAreaId))))));
        });
        await using var scope = _factory.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<MyWork>();
        var rows = new List<MyWorkItem>();
        foreach (var lead in leads) rows.AddRange((await work.PageAsync(lead, all: true, 1, CancellationToken.None)).Items);
        Assert.True(rows.Select(r => r.Applicable).Distinct().Count() >= 3, "The impacts did not vary the criteria that apply.");
        Assert.All(rows, r => Assert.Equal(expected[r.AssessmentId], r.Applicable));
    }

    [Fact]
    public async Task A_person_who_leads_no_area_has_nothing_in_my_work()
    {
        var pmo = await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == "pmo@readiness.demo").Select(u => u.Id).SingleAsync());
        Assert.False(await _factory.WithDbAsync(db => db.AreaMemberships.AnyAsync(m => m.UserId == pmo && m.Role == AreaRole.TeamLead)));
        await using var scope = _factory.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<MyWork>();

        var page = await work.PageAsync(pmo, all: true, 2, CancellationToken.None);
        var (soonest, open, done) = await work.OpenAsync(pmo, 3, CancellationToken.None);

        Assert.Equal((0, 0, 0, 1), (page.Items.Count, page.Total, page.Open, page.Page));
        Assert.Equal((0, 0, 0), (soonest.Count, open, done));
    }
}
