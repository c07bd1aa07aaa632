using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Admin;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Audit;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The tracker's read model (one summary row per gate) and My work's (one row per return) stay equal to a full recomputation whatever happens: a seeded
/// random sequence of changes through the real use cases — returns saved, submitted, approved (with conditions) and
/// returned, go / no-go decisions, delegations withdrawing requests, impacts, gates and releases edited by the PMO — is
/// checked against <see cref="GateSummaryOracle"/> and <see cref="ReturnSummaryOracle"/> after every step.
/// </summary>
public sealed class GateSummaryReadModelTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ReadinessFactory _factory = new();
    private readonly Random _random = new(20261204);
    private static readonly RequestOrigin Origin = new("127.0.0.1", "read-model test");
    private static readonly DecisionOrigin Web = new(AuditChannel.Web, "127.0.0.1", "read-model test");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_read_model_equals_a_full_recomputation_after_every_step_of_a_random_sequence_of_changes()
    {
        await AssertMatchesAsync("the seeded demo");
        var steps = new (string Name, Func<Task<string?>> Run)[]
        {
            ("submit", SubmitAsync), ("submit", SubmitAsync), ("submit", SubmitAsync), ("decide", DecideAsync), ("decide", DecideAsync),
            ("impact", ImpactAsync), ("gate", GateAsync), ("gate", GateAsync), ("release", ReleaseAsync), ("delegate", DelegateAsync),
            ("dependency", DependencyAsync),
        };
        var done = 0;
        for (var i = 0; i < 80; i++)
        {
            var (name, run) = steps[_random.Next(steps.Length)];
            var what = await run();
            if (what is null) continue;
            done++;
            output.WriteLine($"{i}: {what}");
            await AssertMatchesAsync($"step {i} ({name}: {what})");
            if (_random.Next(4) == 0) _factory.Clock.Advance(TimeSpan.FromDays(1));
        }
        Assert.True(done >= 40, $"Only {done} steps changed something.");
    }

    [Fact]
    public async Task A_return_removed_with_its_impact_no_longer_counts_in_its_areas_counts()
    {
        // Its summary goes by the database's cascade, which the save does not see: only a count taken before the
        // flush knows the area and status it counted in.
        var untouched = await _factory.WithDbAsync(db => db.Impacts.AsNoTracking().OrderBy(i => i.Id)
            .Where(i => db.Assessments.Any(a => a.ReleaseId == i.ReleaseId && a.BusinessAreaId == i.BusinessAreaId)
                        && db.Assessments.Where(a => a.ReleaseId == i.ReleaseId && a.BusinessAreaId == i.BusinessAreaId).All(a => a.Status == AssessmentStatus.NotStarted))
            .FirstAsync());
        var pmo = await PmoAsync();
        var removed = await InScopeAsync(sp => sp.GetRequiredService<ImpactAdmin>().RemoveAsync(pmo, untouched.Id, ImpactAdmin.StampOf(untouched), Origin, CancellationToken.None));
        Assert.True(removed.Succeeded, removed.Failure?.Message);
        Assert.False(await _factory.WithDbAsync(db => db.Assessments.AnyAsync(a => a.ReleaseId == untouched.ReleaseId && a.BusinessAreaId == untouched.BusinessAreaId)));
        await AssertMatchesAsync("an impact removed with its untouched return");
    }

    [Fact]
    public async Task A_database_whose_returns_predate_my_works_table_gets_their_rows_at_start_up_and_nothing_twice()
    {
        await _factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ReturnSummaries\"");
            var releases = await ReturnSummaries.BackfillAsync(db, CancellationToken.None);
            Assert.True(releases > 10, $"{releases} releases backfilled");
            Assert.Equal(0, await ReturnSummaries.BackfillAsync(db, CancellationToken.None));
            return 0;
        });
        await AssertMatchesAsync("the backfill");
    }

    [Fact]
    public async Task Summaries_written_before_failing_criteria_were_kept_get_them_from_the_migrations_backfill()
    {
        await SubmitSomeAsync(4);
        var filled = await _factory.WithDbAsync(async db =>
        {
            // Counts on returns of every status (only submitted ones count), then summaries as a database before the column had them.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Assessments\" SET \"FailingCriteria\" = \"Id\" % 4");
            await db.Database.ExecuteSqlRawAsync("UPDATE \"GateSummaries\" SET \"FailingCriteria\" = 0");
            await db.Database.ExecuteSqlRawAsync(GateSummaryBackfillSql.FailingCriteria);
            return await db.GateSummaries.Where(s => s.FailingCriteria > 0).Select(s => s.Kind).Distinct().ToListAsync();
        });
        Assert.True(filled.Contains(GateKind.GoNoGo) && filled.Contains(GateKind.Readiness), $"Failing criteria filled on {string.Join(", ", filled)} gates only.");
        await AssertMatchesAsync("the failing criteria's backfill");
    }

    [Fact]
    public async Task Returns_added_by_saves_that_do_not_detect_changes_are_all_counted()
    {
        // A bulk load (the benchmark's generator) adds rows with change detection off: the second release's returns
        // move a count row the first one added, which the save must write without being told by detection.
        await _factory.WithDbAsync(async db =>
        {
            var template = await db.Templates.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
            var first = await db.Releases.OrderBy(r => r.Id).Select(r => new { r.ProgrammeId, r.SroUserId }).FirstAsync();
            var (programme, sro) = (first.ProgrammeId, first.SroUserId);
            var area = await db.BusinessAreas.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < 2; i++)
            {
                var release = new Release(programme, $"BULK-{i}", $"Bulk {i}", "", new DateOnly(2026, 9, 1), sro, ReleaseStatus.Planned);
                db.Releases.Add(release);
                await db.SaveChangesAsync();
                // As the generator does: a release's gates, impacts and returns in one save.
                var gate = new Gate(release.Id, GateKind.Readiness, "Business readiness", -28, template);
                db.Gates.Add(gate);
                db.Impacts.Add(new Impact(release.Id, area, 10, ImpactLevel.Low, 1, 1));
                db.Assessments.Add(new Assessment(release.Id, gate, area, template, _factory.Clock.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync();
            }
            return 0;
        });
        await AssertMatchesAsync("two releases' returns added without change detection");
    }

    [Fact]
    public async Task A_database_with_returns_before_the_areas_counts_gets_them_from_the_migrations_backfill()
    {
        await SubmitSomeAsync(4);
        var rows = await _factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ReturnCounts\"");
            await db.Database.ExecuteSqlRawAsync(ReturnCountBackfillSql.FromSummaries);
            return await db.ReturnCounts.Select(c => c.Status).Distinct().CountAsync();
        });
        Assert.True(rows > 1, $"The backfill counted returns in {rows} status(es).");
        await AssertMatchesAsync("the areas' counts' backfill");
    }

    [Fact]
    public async Task Summaries_written_before_dependencies_were_counted_get_them_from_the_migrations_backfill()
    {
        var filled = await _factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"GateSummaries\" SET \"Dependencies\" = 0");
            await db.Database.ExecuteSqlRawAsync(GateSummaryBackfillSql.Dependencies);
            return await db.GateSummaries.CountAsync(s => s.Dependencies > 0);
        });
        Assert.True(filled > 0, "The demo's dependencies filled no summary.");
        await AssertMatchesAsync("the dependencies' backfill");
    }

    [Fact]
    public async Task A_return_whose_failing_criteria_are_recorded_after_submission_moves_its_gates_summary()
    {
        // The start-up backfill of returns submitted before failures were counted changes nothing but the count.
        await SubmitSomeAsync(1);
        var what = await _factory.WithDbAsync(async db =>
        {
            var submitted = await db.Assessments.Where(a => a.SubmittedAtUtc != null).OrderBy(a => a.Id).FirstAsync();
            submitted.RecordFailingCriteria((submitted.FailingCriteria ?? 0) + 3);
            await db.SaveChangesAsync();
            return $"return {submitted.Id} recorded with {submitted.FailingCriteria} failing";
        });
        await AssertMatchesAsync(what);
    }

    /// <summary>The demo's returns are not started: submits until <paramref name="count"/> are (the tests' own data).</summary>
    private async Task SubmitSomeAsync(int count)
    {
        for (var i = 0; i < 20 && await _factory.WithDbAsync(db => db.Assessments.CountAsync(a => a.SubmittedAtUtc != null)) < count; i++) await SubmitAsync();
        Assert.True(await _factory.WithDbAsync(db => db.Assessments.CountAsync(a => a.SubmittedAtUtc != null)) >= count, $"Fewer than {count} returns submitted.");
    }

    private async Task AssertMatchesAsync(string after)
    {
        var (expected, stored) = await _factory.WithDbAsync(async db => (await GateSummaryOracle.ComputeAsync(db), await GateSummaryOracle.StoredAsync(db)));
        var wrong = expected.Zip(stored).Where(p => p.First != p.Second).Select(p => $"expected {p.First}\n   found {p.Second}").ToList();
        Assert.True(expected.Count == stored.Count && wrong.Count == 0,
            $"After {after}: {expected.Count} gates, {stored.Count} summaries.\n{string.Join('\n', wrong.Take(3))}");
        var (returns, listed) = await _factory.WithDbAsync(async db => (await ReturnSummaryOracle.ComputeAsync(db), await ReturnSummaryOracle.StoredAsync(db)));
        var wrongReturns = returns.Zip(listed).Where(p => p.First != p.Second).Select(p => $"expected {p.First}\n   found {p.Second}").ToList();
        Assert.True(returns.Count == listed.Count && wrongReturns.Count == 0,
            $"After {after}: {returns.Count} returns, {listed.Count} in My work's table.\n{string.Join('\n', wrongReturns.Take(3))}");
        var counted = await _factory.WithDbAsync(ReturnSummaryOracle.StoredCountsAsync);
        Assert.True(ReturnSummaryOracle.Counts(returns).SequenceEqual(counted),
            $"After {after}: the areas' counts of returns are not the returns'.\nexpected {string.Join(", ", ReturnSummaryOracle.Counts(returns))}\n   found {string.Join(", ", counted)}");
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private async Task<Actor> ActorAsync(string userId) => await InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<ReadinessDbContext>();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync();
        return new Actor(userId, roles.ToHashSet());
    });

    private Task<Actor> PmoAsync() => _factory.WithDbAsync(db => db.Users.Where(u => u.Email == "pmo@readiness.demo").Select(u => u.Id).SingleAsync())
        .ContinueWith(t => ActorAsync(t.Result)).Unwrap();

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A team lead answers an open return (passing, or failing with a comment) and submits it.</summary>
    private async Task<string?> SubmitAsync()
    {
        var open = await _factory.WithDbAsync(db => (from a in db.Assessments
                                                     join r in db.Releases on a.ReleaseId equals r.Id
                                                     where (a.Status == AssessmentStatus.NotStarted || a.Status == AssessmentStatus.Draft || a.Status == AssessmentStatus.Returned)
                                                           && (r.Status == ReleaseStatus.Planned || r.Status == ReleaseStatus.InReadiness)
                                                     from m in db.AreaMemberships.Where(m => m.BusinessAreaId == a.BusinessAreaId && m.Role == AreaRole.TeamLead).Take(1)
                                                     orderby a.Id
                                                     select new { a.Id, a.TemplateId, r.GoLive, m.UserId }).ToListAsync());
        if (open.Count == 0) return null;
        // Half the time the release closest to complete, so go / no-go decisions come up too.
        var nearest = open.GroupBy(a => a.GoLive).OrderBy(g => g.Count()).First().ToList();
        var pick = Pick(_random.Next(2) == 0 ? nearest : open);
        var lead = await ActorAsync(pick.UserId);
        var failing = _random.Next(3) == 0;
        var (criteria, answers) = await _factory.WithDbAsync(async db => (
            await db.Criteria.AsNoTracking().Where(c => db.TemplateSections.Any(s => s.Id == c.SectionId && s.TemplateId == pick.TemplateId)).ToListAsync(),
            await db.Answers.AsNoTracking().Where(x => x.AssessmentId == pick.Id).ToListAsync()));
        var changes = criteria.Select(c =>
        {
            var value = failing && c.AnswerType is AnswerType.YesNo && c.Blocking ? "No" : ReturnDriver.PassingValue(c, pick.GoLive);
            var old = answers.FirstOrDefault(x => x.CriterionId == c.Id);
            return new AnswerChange(c.Id, new AnswerContent(value, ReturnDriver.Evidence, failing ? "Recovery plan agreed with the BCM." : ""),
                old?.Revision ?? 0, old?.Fingerprint ?? AnswerContent.Empty.Fingerprint);
        }).ToList();
        var saved = await InScopeAsync(sp => sp.GetRequiredService<ReturnCommands>().SaveDraftAsync(lead, pick.Id, changes, CancellationToken.None));
        Assert.True(saved.Succeeded, saved.Failure?.Message);
        var version = await _factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == pick.Id).Select(a => a.Version).SingleAsync());
        var submitted = await InScopeAsync(sp => sp.GetRequiredService<ReturnCommands>().SubmitAsync(lead, pick.Id, version, Origin, CancellationToken.None));
        return $"return {pick.Id} {(submitted.Succeeded ? "submitted" : "saved, not submitted: " + submitted.Failure!.Message)}{(failing ? " (failing)" : "")}";
    }

    /// <summary>The approver of a waiting request decides it: any decision its kind allows.</summary>
    private async Task<string?> DecideAsync()
    {
        var pending = await _factory.WithDbAsync(db => db.ApprovalRequests.AsNoTracking().Where(r => r.Status == ApprovalStatus.Pending)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Kind, r.ApproverUserId }).ToListAsync());
        if (pending.Count == 0) return null;
        var request = Pick(pending);
        // Mostly approvals, so returns complete and releases reach their go / no-go.
        var decision = Pick(request.Kind == ApprovalKind.AreaReturn
            ? [Decision.Approve, Decision.Approve, Decision.Approve, Decision.ApproveWithConditions, Decision.Return]
            : Decisions.For(request.Kind));
        var conditions = Decisions.HasConditions(decision) ? new[] { new ConditionInput("Floor-walkers on the first two shifts", "Duty inspector", -1) } : [];
        var input = new DecisionInput(decision, "Decided in the read-model test.", conditions, request.Kind == ApprovalKind.GoLive ? Pick(Enum.GetValues<Dca>()) : null);
        var result = await InScopeAsync(sp => sp.GetRequiredService<ApprovalDecisions>().DecideAsWebUserAsync(request.Id, request.ApproverUserId, input, Web, CancellationToken.None));
        return $"request {request.Id} {decision}: {(result.Succeeded ? "recorded" : result.Failure!.Message)}";
    }

    /// <summary>The PMO adds an impacted area to a release, changes one, or removes one (its untouched return goes with it).</summary>
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
                var area = areas.Where(a => impacts.All(i => i.ReleaseId != release.Id || i.BusinessAreaId != a.Id)).ToList();
                if (area.Count == 0) return null;
                var code = Pick(area).Code;
                var added = await InScopeAsync(sp => admin(sp).AddAsync(pmo, release.Code, new ImpactInput(code, 20, ImpactLevel.Medium, 2, 2), Origin, CancellationToken.None));
                return $"impact {code} on {release.Code}: {added.Value ?? added.Failure!.Message}";
            case 1:
                var changed = Pick(impacts);
                var edited = await InScopeAsync(sp => admin(sp).EditAsync(pmo, changed.Id, new ImpactInput("", changed.Headcount + 1, ImpactLevel.High, 3, 1),
                    ImpactAdmin.StampOf(changed), Origin, CancellationToken.None));
                return $"impact {changed.Id} edited: {edited.Value ?? edited.Failure!.Message}";
            default:
                var removed = Pick(impacts);
                var result = await InScopeAsync(sp => admin(sp).RemoveAsync(pmo, removed.Id, ImpactAdmin.StampOf(removed), Origin, CancellationToken.None));
                return $"impact {removed.Id} removed: {result.Value ?? result.Failure!.Message}";
        }
    }

    /// <summary>The PMO moves a gate, adds a missing kind of gate, or removes a gate nothing has started on.</summary>
    private async Task<string?> GateAsync()
    {
        var pmo = await PmoAsync();
        var gates = await _factory.WithDbAsync(db => db.Gates.AsNoTracking().Include(g => g.Release).OrderBy(g => g.Id).ToListAsync());
        var gate = Pick(gates);
        var admin = (Func<IServiceProvider, ReleaseAdmin>)(sp => sp.GetRequiredService<ReleaseAdmin>());
        switch (_random.Next(3))
        {
            case 0:
                var moved = await InScopeAsync(sp => admin(sp).EditGateAsync(pmo, gate.Id, new GateInput(gate.Kind, gate.Name, gate.DueOffsetDays - 3, gate.WorkflowDefinitionId),
                    ReleaseAdmin.StampOf(gate), Origin, CancellationToken.None));
                return $"gate {gate.Id} moved: {moved.Value ?? moved.Failure!.Message}";
            case 1:
                var missing = Enum.GetValues<GateKind>().Where(k => gates.All(g => g.ReleaseId != gate.ReleaseId || g.Kind != k)).ToList();
                if (missing.Count == 0) return null;
                var kind = Pick(missing);
                var added = await InScopeAsync(sp => admin(sp).AddGateAsync(pmo, gate.Release!.Code, new GateInput(kind, $"Added {kind}", kind == GateKind.PostGoLiveReview ? 28 : -10, null),
                    Origin, CancellationToken.None));
                return $"gate {kind} added to {gate.Release!.Code}: {added.Value ?? added.Failure!.Message}";
            default:
                var stamp = await InScopeAsync(async sp =>
                {
                    var db = sp.GetRequiredService<ReadinessDbContext>();
                    return ReleaseAdmin.RemovalStampOf(gate, await GateActivity.OfAsync(db, gate, CancellationToken.None));
                });
                var removed = await InScopeAsync(sp => admin(sp).RemoveGateAsync(pmo, gate.Id, stamp, confirmed: true, Origin, CancellationToken.None));
                return $"gate {gate.Id} removed: {removed.Value ?? removed.Failure!.Message}";
        }
    }

    /// <summary>The PMO moves a release's T0 or changes its status.</summary>
    private async Task<string?> ReleaseAsync()
    {
        var pmo = await PmoAsync();
        var release = Pick(await _factory.WithDbAsync(db => db.Releases.AsNoTracking().OrderBy(r => r.Id).ToListAsync()));
        var status = _random.Next(3) == 0 ? Pick(Enum.GetValues<ReleaseStatus>()) : release.Status;
        var input = new ReleaseInput(release.ProgrammeId, release.Code, release.Name, release.Description, release.GoLive.AddDays(_random.Next(-20, 21)), release.SroUserId, status);
        var result = await InScopeAsync(sp => sp.GetRequiredService<ReleaseAdmin>().EditAsync(pmo, release.Code, input, ReleaseAdmin.StampOf(release), Origin, CancellationToken.None));
        return $"release {release.Code} → T0 {input.GoLive}, {status}: {result.Value ?? result.Failure!.Message}";
    }

    /// <summary>The PMO makes a release depend on another, or removes one of its dependencies.</summary>
    private async Task<string?> DependencyAsync()
    {
        var pmo = await PmoAsync();
        var admin = (Func<IServiceProvider, DependencyAdmin>)(sp => sp.GetRequiredService<DependencyAdmin>());
        var codes = await _factory.WithDbAsync(db => db.Releases.OrderBy(r => r.Id).Select(r => r.Code).ToListAsync());
        var release = Pick(codes);
        var existing = await InScopeAsync(sp => admin(sp).ListAsync(release, CancellationToken.None));
        if (existing.Count > 0 && _random.Next(2) == 0)
        {
            var gone = Pick(existing);
            var removed = await InScopeAsync(sp => admin(sp).RemoveAsync(pmo, release, gone.Id, gone.Stamp, Origin, CancellationToken.None));
            return $"{release} no longer on {gone.DependsOnCode}: {removed.Value ?? removed.Failure!.Message}";
        }
        var on = Pick(codes);
        var added = await InScopeAsync(sp => admin(sp).AddAsync(pmo, release, on, null, Origin, CancellationToken.None));
        return added.Succeeded ? $"{release} depends on {on}: {added.Value}" : null;
    }

    /// <summary>An approver with requests waiting delegates: their requests are withdrawn and reissued to the delegate.</summary>
    private async Task<string?> DelegateAsync()
    {
        var waiting = await _factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.Status == ApprovalStatus.Pending && r.Kind == ApprovalKind.AreaReturn)
            .Select(r => r.ApproverUserId).Distinct().OrderBy(id => id).ToListAsync());
        if (waiting.Count == 0) return null;
        var from = await ActorAsync(Pick(waiting));
        var candidates = await InScopeAsync(sp => sp.GetRequiredService<Delegations>().CandidatesAsync(from.UserId, CancellationToken.None));
        if (candidates.Count == 0) return null;
        var today = DateOnly.FromDateTime(_factory.Clock.GetUtcNow().UtcDateTime);
        var result = await InScopeAsync(sp => sp.GetRequiredService<Delegations>().CreateAsync(from, Pick(candidates).Id, today, today.AddDays(7), Origin, CancellationToken.None));
        return $"delegation by {from.UserId}: {(result.Succeeded ? "created" : result.Failure!.Message)}";
    }
}
