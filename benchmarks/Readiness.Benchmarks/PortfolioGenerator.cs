using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;
using Readiness.Core.Workflows;

namespace Readiness.Benchmarks;

/// <summary>What the generator made: counts for docs/benchmarks.md, and the people and codes the benchmarks use.</summary>
public sealed record PortfolioShape(
    int Scale, int Programmes, int Releases, int BusinessAreas, int NestedAreas, int Users, int Criteria, int Impacts, int Gates,
    int Returns, int NotStarted, int Draft, int Submitted, int Approved, int Answers, int WorkflowInstances,
    int PendingApprovals, int LeadIndicators, int Readings, string PmoEmail, string BusyTeamLeadEmail, int BusyTeamLeadReturns,
    string InboxBcmEmail, int InboxBcmPending,
    string BiggestReleaseCode, int BiggestReleaseAreas, string FilterArea, double Seconds)
{
    public const string FileName = "shape.json";
}

/// <summary>
/// Builds the benchmark portfolio in the folder's database (<see cref="BenchDatabase"/>): the app starts on it first (so the real migrations and the
/// workflow snapshots are applied by StartupInitializer), then people go through Identity's UserManager and the
/// portfolio through the domain constructors and methods (SaveDraft, Submit, MarkApproved), added in bulk.
/// Deterministic: a fixed Random seed and a fixed "now" (<see cref="BenchApp.Now"/>). The scale multiplies the
/// programmes and releases (1 = the report's 80 programmes, 300 releases; 10 = 3,000 releases) over the same 40 areas,
/// people and ±40 weeks of go-lives, so a page that costs a page costs the same at every scale.
/// Written for speed: one connection with SQLite's synchronous=OFF (a benchmark database, made again if the
/// machine dies), one transaction per batch of releases, no change detection.
/// </summary>
public static class PortfolioGenerator
{
    public const int ProgrammesPerScale = 80;
    public const int ReleasesPerScale = 300;
    // Also the order Random is drawn in (each batch's releases, then their impacts, then their returns): changing it changes the data.
    private const int ReleasesPerBatch = 25;
    public const int TopAreas = 4;
    public const int AreasUnderEach = 9; // 4 directorates + 36 nested areas = 40 business areas
    public const int CriteriaPerTemplate = 60;

    /// <summary>The BCM whose decisions inbox is measured (4 areas' pending reviews).</summary>
    public const string InboxBcmEmail = "bcm01@bench.local";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly DateTime NowUtc = BenchApp.Now.UtcDateTime;
    private static readonly DateOnly Today = DateOnly.FromDateTime(NowUtc);

    public static async Task<PortfolioShape> GenerateAsync(string folder, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        int programmeCount = ProgrammesPerScale * scale, releaseCount = ReleasesPerScale * scale;
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        await using var app = new BenchApp(folder);
        _ = app.Services; // starts the host: migrations, WAL, workflow snapshots
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<ReadinessDbContext>();
        await BenchDatabase.OpenForBulkAsync(db);
        var random = new Random(20261126);

        // Roles and people, through Identity (password hashes, normalised names, role rows).
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All) Check(await roles.CreateAsync(new IdentityRole(role)));
        var users = sp.GetRequiredService<UserManager<ReadinessUser>>();
        async Task<string> Person(string email, string name, params string[] roleNames)
        {
            var user = new ReadinessUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            Check(await users.CreateAsync(user, BenchApp.Password));
            Check(await users.AddToRolesAsync(user, roleNames));
            return user.Id;
        }
        const string pmoEmail = "pmo@bench.local";
        await Person(pmoEmail, "Pat PMO", Roles.Pmo);

        // 40 business areas: 4 directorates, 9 areas nested under each.
        var areas = new List<BusinessArea>();
        for (var d = 1; d <= TopAreas; d++)
        {
            var top = new BusinessArea($"DIR-{d}", $"Directorate {d}", BusinessAreaKind.Directorate, null);
            db.BusinessAreas.Add(top);
            await db.SaveChangesAsync();
            areas.Add(top);
            for (var i = 1; i <= AreasUnderEach; i++)
                areas.Add(new BusinessArea($"AREA-{d}-{i}", $"Area {d}.{i}", i % 3 == 0 ? BusinessAreaKind.Bcu : BusinessAreaKind.Unit, top.Id));
            db.BusinessAreas.AddRange(areas.Skip(areas.Count - AreasUnderEach));
        }
        await db.SaveChangesAsync();

        // One team lead per area, a busy team lead of 6 areas, 10 BCMs of 4 areas each, 20 SROs.
        var memberships = new List<AreaMembership>();
        for (var i = 0; i < areas.Count; i++)
        {
            var tl = await Person($"tl{i + 1:00}@bench.local", $"Team Lead {i + 1}", Roles.TeamLead);
            memberships.Add(new AreaMembership(areas[i].Id, tl, AreaRole.TeamLead));
        }
        const string busyEmail = "tl.busy@bench.local";
        var busy = await Person(busyEmail, "Busy Team Lead", Roles.TeamLead);
        var busyAreas = areas.Where(a => a.ParentId is not null).Take(6).Select(a => a.Id).ToHashSet();
        memberships.AddRange(busyAreas.Select(a => new AreaMembership(a, busy, AreaRole.TeamLead)));
        var bcmOf = new Dictionary<int, string>();
        for (var b = 0; b < 10; b++)
        {
            var bcm = await Person($"bcm{b + 1:00}@bench.local", $"BCM {b + 1}", Roles.Bcm);
            foreach (var area in areas.Skip(b * 4).Take(4))
            {
                memberships.Add(new AreaMembership(area.Id, bcm, AreaRole.Bcm));
                bcmOf[area.Id] = bcm;
            }
        }
        var sros = new List<string>();
        for (var s = 0; s < 20; s++) sros.Add(await Person($"sro{s + 1:00}@bench.local", $"SRO {s + 1}", Roles.Sro));
        db.AreaMemberships.AddRange(memberships);
        await db.SaveChangesAsync();
        var teamLeadOf = memberships.Where(m => m.Role == AreaRole.TeamLead).GroupBy(m => m.BusinessAreaId).ToDictionary(g => g.Key, g => g.First().UserId);

        // From here on everything is added, never edited: no change detection needed (much faster in bulk).
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        // A 60-criterion template, built like a validated seed file (valid minimum passes, ranges, text never blocking).
        var template = GeneratedTemplate.Build(NowUtc);
        db.Templates.Add(template);
        await db.SaveChangesAsync();
        var criteria = template.AllCriteria.ToList();

        var areaSnapshot = await db.WorkflowSnapshots.Where(s => s.DefinitionId == "area-return").OrderByDescending(s => s.Version).FirstAsync();
        var gateSnapshot = await db.WorkflowSnapshots.Where(s => s.DefinitionId == "go-live-gate").OrderByDescending(s => s.Version).FirstAsync();

        // 80 programmes, 300 releases with T0 spread over ±40 weeks around now.
        var programmes = Enumerable.Range(1, programmeCount).Select(p => new Programme($"P{p:000}", $"Programme {p:000}", $"Generated programme {p}")).ToList();
        db.Programmes.AddRange(programmes);
        await db.SaveChangesAsync();

        int impacts = 0, gates = 0, returns = 0, answers = 0, instances = 0, pending = 0, indicators = 0, readings = 0;
        var byStatus = new Dictionary<AssessmentStatus, int>();
        string biggest = "";
        var biggestAreas = 0;
        for (var start = 0; start < releaseCount; start += ReleasesPerBatch)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            // Releases, impacts and gates of the batch.
            var releases = new List<Release>();
            for (var r = start; r < Math.Min(releaseCount, start + ReleasesPerBatch); r++)
            {
                var goLive = Today.AddDays(random.Next(-40 * 7, 40 * 7 + 1));
                var status = goLive < Today.AddDays(-20 * 7) ? ReleaseStatus.Closed
                    : goLive < Today ? ReleaseStatus.Live
                    : goLive < Today.AddDays(12 * 7) ? ReleaseStatus.InReadiness
                    : ReleaseStatus.Planned;
                releases.Add(new Release(programmes[r % programmeCount].Id, $"R{r + 1:000}", $"Release {r + 1:000} of {programmes[r % programmeCount].Name}",
                    "Generated release", goLive, sros[r % sros.Count], status));
            }
            db.Releases.AddRange(releases);
            await db.SaveChangesAsync();

            var releaseImpacts = new Dictionary<Release, List<Impact>>();
            var releaseGates = new Dictionary<Release, List<Gate>>();
            foreach (var release in releases)
            {
                var count = random.Next(3, 13);
                var list = areas.OrderBy(_ => random.Next()).Take(count)
                    .Select(a => new Impact(release.Id, a.Id, random.Next(10, 800), (ImpactLevel)random.Next(0, 3),
                        random.Next(0, 3) == 0 ? 0m : random.Next(1, 16), random.Next(0, 7)))
                    .ToList();
                releaseImpacts[release] = list;
                if (count > biggestAreas) (biggest, biggestAreas) = (release.Code, count);
                releaseGates[release] =
                [
                    new Gate(release.Id, GateKind.Readiness, "Business readiness", -28, template.Id),
                    new Gate(release.Id, GateKind.GoNoGo, "Go / no-go decision", -7, null),
                    new Gate(release.Id, GateKind.PostGoLiveReview, "Post-go-live review", 28, null),
                ];
                db.Impacts.AddRange(list);
                db.Gates.AddRange(releaseGates[release]);
                impacts += list.Count;
                gates += 3;
            }
            await db.SaveChangesAsync();

            // Every readiness return, answered as far as its status says, through the domain methods.
            var made = new List<(Assessment Assessment, Release Release, Gate Gate, Impact Impact)>();
            foreach (var release in releases)
            {
                var gate = releaseGates[release][0];
                foreach (var impact in releaseImpacts[release])
                {
                    var assessment = new Assessment(release.Id, gate.Id, impact.BusinessAreaId, template.Id, NowUtc.AddDays(-120));
                    var target = TargetStatus(release, random);
                    var teamLead = teamLeadOf[impact.BusinessAreaId];
                    if (target != AssessmentStatus.NotStarted)
                    {
                        var share = target == AssessmentStatus.Draft ? 0.3 + random.NextDouble() * 0.6 : 1.0;
                        var changes = criteria.Where(_ => random.NextDouble() < share)
                            .Select(c => new AnswerChange(c.Id, GeneratedTemplate.AnswerFor(c, random), 0, AnswerContent.Empty.Fingerprint)).ToList();
                        assessment.SaveDraft(changes, teamLead, NowUtc.AddDays(-random.Next(1, 60)));
                        if (target != AssessmentStatus.Draft)
                        {
                            var card = ScoreCard.Compute(template, assessment.Answers.ToDictionary(a => a.CriterionId, a => new AnswerContent(a.Value, a.EvidenceLink, a.Comment)),
                                impact, release.GoLive);
                            if (card.Errors.Count == 0)
                            {
                                assessment.Submit(teamLead, NowUtc.AddDays(-random.Next(1, 30)), card);
                                if (target == AssessmentStatus.Approved) assessment.MarkApproved(withConditions: random.Next(5) == 0);
                            }
                        }
                    }
                    byStatus[assessment.Status] = byStatus.GetValueOrDefault(assessment.Status) + 1;
                    answers += assessment.Answers.Count;
                    made.Add((assessment, release, gate, impact));
                }
            }
            db.Assessments.AddRange(made.Select(m => m.Assessment));
            returns += made.Count;
            await db.SaveChangesAsync();

            // Submitted and approved returns have an area-return workflow instance; the submitted ones a pending BCM request.
            var workflows = made.Where(m => m.Assessment.SubmittedAtUtc is not null)
                .Select(m => (m, Instance: new WorkflowInstance(areaSnapshot.Id, areaSnapshot.DefinitionId, areaSnapshot.Version, SubjectKinds.AreaReturn,
                    m.Assessment.Id, m.Assessment.Status == AssessmentStatus.Submitted ? "BcmReview" : m.Assessment.Status.ToString(), m.Assessment.SubmittedAtUtc!.Value)))
                .ToList();
            // Releases in readiness past their go / no-go due date wait for the SRO.
            var gateWorkflows = releases.Where(r => r.Status == ReleaseStatus.InReadiness && r.GoLive.AddDays(-7) <= Today.AddDays(14))
                .Select(r => (Release: r, Gate: releaseGates[r][1], Instance: new WorkflowInstance(gateSnapshot.Id, gateSnapshot.DefinitionId, gateSnapshot.Version,
                    SubjectKinds.Gate, releaseGates[r][1].Id, "SroDecision", NowUtc.AddDays(-3))))
                .ToList();
            db.WorkflowInstances.AddRange(workflows.Select(w => w.Instance));
            db.WorkflowInstances.AddRange(gateWorkflows.Select(w => w.Instance));
            instances += workflows.Count + gateWorkflows.Count;
            await db.SaveChangesAsync();

            var requests = workflows.Where(w => w.m.Assessment.Status == AssessmentStatus.Submitted)
                .Select(w => Request(ApprovalKind.AreaReturn, w.Instance, w.m.Assessment.Id, w.m.Release.Id, bcmOf[w.m.Impact.BusinessAreaId],
                    w.m.Assessment.SubmittedByUserId, w.m.Assessment.ContentHash(), w.m.Gate.DueOn(w.m.Release.GoLive), w.m.Assessment.SubmittedAtUtc!.Value))
                .Concat(gateWorkflows.Select(g => Request(ApprovalKind.GoLive, g.Instance, g.Gate.Id, g.Release.Id, g.Release.SroUserId, null, "",
                    g.Gate.DueOn(g.Release.GoLive), NowUtc.AddDays(-3))))
                .ToList();
            db.ApprovalRequests.AddRange(requests);
            pending += requests.Count;

            // Live releases watch two lead indicators in their first impacted areas, with a reading a week since go-live.
            var watched = new List<LeadIndicator>();
            foreach (var release in releases.Where(r => r.Status == ReleaseStatus.Live))
                foreach (var (impact, i) in releaseImpacts[release].Take(2).Select((x, i) => (x, i)))
                    watched.Add(new LeadIndicator(new LeadIndicatorSpec(release.Id, impact.BusinessAreaId, $"LI-{release.Code}-{i + 1}",
                        i == 0 ? "101 call answer time" : "Custody throughput", i == 0 ? "seconds" : "detainees/day",
                        i == 0 ? IndicatorDirection.LowerIsBetter : IndicatorDirection.HigherIsBetter, i == 0 ? 30 : 100,
                        i == 0 ? 45 : 90, i == 0 ? 60 : 80, 12, 7, 3, IndicatorSource.Manual)));
            db.LeadIndicators.AddRange(watched);
            await db.SaveChangesAsync();
            var reads = new List<IndicatorReading>();
            foreach (var indicator in watched)
            {
                var goLive = releases.First(r => r.Id == indicator.ReleaseId).GoLive;
                for (var day = goLive.AddDays(1); day <= Today && day <= goLive.AddDays(12 * 7); day = day.AddDays(7))
                    reads.Add(new IndicatorReading(indicator.Id, day, indicator.Baseline * (decimal)(0.7 + random.NextDouble() * 0.8), IndicatorSource.Manual,
                        null, NowUtc));
            }
            db.IndicatorReadings.AddRange(reads);
            indicators += watched.Count;
            readings += reads.Count;
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            db.ChangeTracker.Clear();
        }

        await BenchDatabase.SettleAsync(db);
        var busyReturns = await db.Assessments.CountAsync(a => busyAreas.Contains(a.BusinessAreaId));
        var inboxBcm = await db.Users.Where(u => u.Email == InboxBcmEmail).Select(u => u.Id).SingleAsync();
        var inboxPending = await db.ApprovalRequests.CountAsync(r => r.ApproverUserId == inboxBcm && r.Status == ApprovalStatus.Pending);
        var shape = new PortfolioShape(scale, programmeCount, releaseCount, areas.Count, areas.Count(a => a.ParentId is not null), await db.Users.CountAsync(),
            criteria.Count, impacts, gates, returns, byStatus.GetValueOrDefault(AssessmentStatus.NotStarted), byStatus.GetValueOrDefault(AssessmentStatus.Draft),
            byStatus.GetValueOrDefault(AssessmentStatus.Submitted),
            byStatus.GetValueOrDefault(AssessmentStatus.Approved) + byStatus.GetValueOrDefault(AssessmentStatus.ApprovedWithConditions),
            answers, instances, pending, indicators, readings, pmoEmail, busyEmail, busyReturns, InboxBcmEmail, inboxPending, biggest, biggestAreas, "DIR-1",
            Math.Round(watch.Elapsed.TotalSeconds, 1));
        await File.WriteAllTextAsync(Path.Combine(folder, PortfolioShape.FileName), JsonSerializer.Serialize(shape, Indented));
        return shape;
    }

    /// <summary>Closed and live releases went through readiness; nearer go-lives are further along.</summary>
    private static AssessmentStatus TargetStatus(Release release, Random random)
    {
        if (release.Status is ReleaseStatus.Live or ReleaseStatus.Closed) return AssessmentStatus.Approved;
        var roll = random.NextDouble();
        var weeksAway = (release.GoLive.DayNumber - Today.DayNumber) / 7.0;
        var progress = Math.Clamp(1.0 - weeksAway / 40.0, 0, 1); // 1 = going live now
        return roll < 0.25 * (1 - progress) ? AssessmentStatus.NotStarted
            : roll < 0.25 + 0.35 * (1 - progress) ? AssessmentStatus.Draft
            : roll < 0.75 ? AssessmentStatus.Submitted
            : AssessmentStatus.Approved;
    }

    private static ApprovalRequest Request(ApprovalKind kind, WorkflowInstance instance, int subjectId, int releaseId, string approver, string? submitter,
        string contentHash, DateOnly dueOn, DateTime createdUtc) =>
        new(kind, instance, subjectId, releaseId, approver, null, submitter, contentHash,
            ApprovalRequest.HashToken(Convert.ToHexString(RandomNumberGenerator.GetBytes(32))), createdUtc.AddHours(72), dueOn, createdUtc);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
