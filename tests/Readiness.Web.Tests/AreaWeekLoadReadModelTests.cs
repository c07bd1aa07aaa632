using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Admin;
using Readiness.Core.Audit;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The heatmap's read model (each area's own load per week) stays equal to the load model summed over every impact of
/// every open release, whatever the PMO does: a seeded random sequence of impacts added, edited and removed, T0 moved
/// and releases closed and reopened through the real use cases, checked after every step; and the heatmap's page
/// shows what the impacts make.
/// </summary>
public sealed class AreaWeekLoadReadModelTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ReadinessFactory _factory = new();
    private readonly Random _random = new(20261205);
    private static readonly RequestOrigin Origin = new("127.0.0.1", "load read-model test");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_load_table_equals_the_load_model_over_every_open_impact_after_every_step_of_a_random_sequence()
    {
        await AssertMatchesAsync("the seeded demo");
        var done = 0;
        for (var i = 0; i < 60; i++)
        {
            var what = _random.Next(5) switch
            {
                0 or 1 or 2 => await ImpactAsync(),
                _ => await ReleaseAsync(),
            };
            if (what is null) continue;
            done++;
            output.WriteLine($"{i}: {what}");
            await AssertMatchesAsync($"step {i} ({what})");
        }
        Assert.True(done >= 40, $"Only {done} steps changed something.");
    }

    [Fact]
    public async Task A_database_whose_impacts_predate_the_table_gets_their_load_at_start_up_and_nothing_twice()
    {
        await _factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AreaWeekLoads\"");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ImpactLoadBases\"");
            var releases = await AreaWeekLoads.BackfillAsync(db, CancellationToken.None);
            Assert.True(releases > 10, $"{releases} releases backfilled");
            Assert.Equal(0, await AreaWeekLoads.BackfillAsync(db, CancellationToken.None));
            return 0;
        });
        await AssertMatchesAsync("the backfill");
    }

    [Fact]
    public async Task The_heatmap_reads_every_cell_of_its_weeks_as_the_table_holds_it()
    {
        // Each area's cells come joined into one text per area; every cell must come back, to the ten-thousandth of an hour.
        var (first, last) = (new DateOnly(2026, 1, 5), new DateOnly(2027, 12, 27));
        var (read, stored) = await _factory.WithDbAsync(async db =>
        {
            var read = await AreaWeekLoads.OwnAsync(db, first, last, CancellationToken.None);
            var rows = await db.AreaWeekLoads.AsNoTracking().Where(l => l.Week >= first && l.Week <= last).ToListAsync();
            return (read, rows.Select(r => (r.AreaId, r.Week, r.Hours)).ToList());
        });
        Assert.True(stored.Count > 100, $"Only {stored.Count} cells in the demo's weeks.");
        Assert.Contains(stored, c => decimal.Truncate(c.Hours) != c.Hours);
        Assert.Equal(stored.OrderBy(c => c.AreaId).ThenBy(c => c.Week), read.OrderBy(c => c.AreaId).ThenBy(c => c.Week));
    }

    private async Task AssertMatchesAsync(string after)
    {
        var (expected, stored) = await _factory.WithDbAsync(async db =>
        {
            var inputs = await db.Impacts.AsNoTracking().Where(i => i.Release!.Status != ReleaseStatus.Closed)
                .Select(i => new LoadInput(i.ReleaseId, i.BusinessAreaId, i.Release!.GoLive, i.Headcount, i.Level, i.TrainingHoursPerPerson, i.HypercareWeeks))
                .ToListAsync();
            var rows = await db.AreaWeekLoads.AsNoTracking().ToListAsync();
            return (AreaWeekLoads.Compute(inputs).Where(c => c.Value != 0).ToDictionary(), rows.ToDictionary(r => (r.AreaId, r.Week), r => r.Units));
        });
        var wrong = expected.Where(e => stored.GetValueOrDefault(e.Key) != e.Value).Select(e => $"{e.Key}: expected {e.Value}, found {stored.GetValueOrDefault(e.Key)}")
            .Concat(stored.Where(s => !expected.ContainsKey(s.Key)).Select(s => $"{s.Key}: expected nothing, found {s.Value}")).ToList();
        Assert.True(wrong.Count == 0, $"After {after}: {wrong.Count} cells wrong of {expected.Count}.\n{string.Join('\n', wrong.Take(5))}");
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private async Task<Actor> PmoAsync() => await _factory.WithDbAsync(async db =>
    {
        var id = await db.Users.Where(u => u.Email == "pmo@readiness.demo").Select(u => u.Id).SingleAsync();
        return new Actor(id, new HashSet<string> { Roles.Pmo });
    });

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>The PMO adds an impacted area to a release, changes one, or removes one.</summary>
    private async Task<string?> ImpactAsync()
    {
        var pmo = await PmoAsync();
        var impacts = await _factory.WithDbAsync(db => db.Impacts.AsNoTracking().Include(i => i.Release).OrderBy(i => i.Id).ToListAsync());
        var admin = (Func<IServiceProvider, ImpactAdmin>)(sp => sp.GetRequiredService<ImpactAdmin>());
        switch (_random.Next(3))
        {
            case 0:
                var areas = await _factory.WithDbAsync(db => db.BusinessAreas.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.Code }).ToListAsync());
                var release = Pick(impacts).Release!;
                var free = areas.Where(a => impacts.All(i => i.ReleaseId != release.Id || i.BusinessAreaId != a.Id)).ToList();
                if (free.Count == 0) return null;
                var code = Pick(free).Code;
                var input = new ImpactInput(code, _random.Next(5, 400), Pick(Enum.GetValues<ImpactLevel>()), _random.Next(0, 13) / 4m, _random.Next(0, 9));
                var added = await InScopeAsync(sp => admin(sp).AddAsync(pmo, release.Code, input, Origin, CancellationToken.None));
                return $"impact {code} on {release.Code}: {added.Value ?? added.Failure!.Message}";
            case 1:
                var changed = Pick(impacts);
                var edit = new ImpactInput("", changed.Headcount + _random.Next(1, 50), Pick(Enum.GetValues<ImpactLevel>()), _random.Next(0, 25) / 4m, _random.Next(0, 9));
                var edited = await InScopeAsync(sp => admin(sp).EditAsync(pmo, changed.Id, edit, ImpactAdmin.StampOf(changed), Origin, CancellationToken.None));
                return $"impact {changed.Id} edited: {edited.Value ?? edited.Failure!.Message}";
            default:
                var removed = Pick(impacts);
                var result = await InScopeAsync(sp => admin(sp).RemoveAsync(pmo, removed.Id, ImpactAdmin.StampOf(removed), Origin, CancellationToken.None));
                return $"impact {removed.Id} removed: {result.Value ?? result.Failure!.Message}";
        }
    }

    /// <summary>The PMO moves a release's T0, or closes or reopens it.</summary>
    private async Task<string?> ReleaseAsync()
    {
        var pmo = await PmoAsync();
        var release = Pick(await _factory.WithDbAsync(db => db.Releases.AsNoTracking().OrderBy(r => r.Id).ToListAsync()));
        var status = _random.Next(3) == 0 ? Pick(Enum.GetValues<ReleaseStatus>()) : release.Status;
        var input = new ReleaseInput(release.ProgrammeId, release.Code, release.Name, release.Description, release.GoLive.AddDays(_random.Next(-30, 31)), release.SroUserId, status);
        var result = await InScopeAsync(sp => sp.GetRequiredService<ReleaseAdmin>().EditAsync(pmo, release.Code, input, ReleaseAdmin.StampOf(release), Origin, CancellationToken.None));
        return $"release {release.Code} → T0 {input.GoLive}, {status}: {result.Value ?? result.Failure!.Message}";
    }
}
