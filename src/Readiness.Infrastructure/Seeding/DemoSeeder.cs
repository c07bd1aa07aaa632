using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Seeding;

/// <summary>
/// Applies a validated <see cref="SeedSet"/>: adds whatever is missing, matched by code or email, and never
/// changes what is there (people may have edited it). Demo dates are relative to the day of the first seeding.
/// </summary>
public sealed class DemoSeeder(ReadinessDbContext db, UserManager<ReadinessUser> users, RoleManager<IdentityRole> roles, ReadinessClock clock)
{
    private const string DemoRun = "demo";

    public async Task ApplyAsync(SeedSet seed, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The seed saves release by release; keeping the read models (tracker, heatmap) at every save would recompute
        // each release many times over. They are computed once, for every release, before the commit instead.
        using (db.PauseReadModels()) await SeedAllAsync(seed, ct);
        var releaseIds = await db.Releases.Select(r => r.Id).ToListAsync(ct);
        await GateSummaries.RefreshAsync(db, releaseIds, ct);
        await ReturnSummaries.RefreshAsync(db, releaseIds, ct);
        await AreaWeekLoads.RefreshAsync(db, releaseIds, ct);
        // The seed saved with the read models paused, so its saves recorded nothing: it may have added or renamed
        // programmes and areas, and every node's copy of the filter boxes' lists is read again.
        db.ReferenceChanges.Add(new ReferenceChange("seed"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task SeedAllAsync(SeedSet seed, CancellationToken ct)
    {
        var anchor = await AnchorDateAsync(ct);
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
            Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");

        var areas = await SeedAreasAsync(seed.Areas, ct);
        await SeedCapacitiesAsync(seed.Areas, anchor, areas, ct);
        var people = await SeedUsersAsync(seed.Users, areas, ct);
        await TemplatePublisher.PublishAsync(db, seed, clock.UtcNow, ct);
        await SeedPortfolioAsync(seed.Portfolio, anchor, areas, people, ct);
        if (seed.GeneratedProgrammes.Count > 0) await SeedGeneratedAsync(seed.Portfolio.GateKinds, seed.GeneratedProgrammes, anchor, areas, people, ct);
    }

    private async Task<DateOnly> AnchorDateAsync(CancellationToken ct)
    {
        var run = await db.SeedRuns.FirstOrDefaultAsync(r => r.Name == DemoRun, ct);
        if (run is not null) return run.AnchorDate;
        run = new SeedRun(DemoRun, clock.Today, clock.UtcNow);
        db.SeedRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.AnchorDate;
    }

    private async Task<Dictionary<string, int>> SeedAreasAsync(AreasDocument doc, CancellationToken ct)
    {
        var byCode = await db.BusinessAreas.ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        async Task Walk(IEnumerable<AreaEntry> list, int? parentId)
        {
            foreach (var entry in list)
            {
                if (!byCode.TryGetValue(entry.Code, out var id))
                {
                    SeedValidator.TryEnum<BusinessAreaKind>(entry.Kind, out var kind, ignoreCase: true);
                    var area = new BusinessArea(entry.Code, entry.Name, kind, parentId);
                    db.BusinessAreas.Add(area);
                    await db.SaveChangesAsync(ct);
                    byCode[entry.Code] = id = area.Id;
                }
                await Walk(entry.Children ?? [], id);
            }
        }
        await Walk(doc.Areas, null);
        return byCode;
    }

    /// <summary>
    /// Gives an area the training capacity of the file only while it has none: a history the PMO has edited is theirs,
    /// and each row starts on the Monday of the week holding the demo's first day + fromDays.
    /// </summary>
    private async Task SeedCapacitiesAsync(AreasDocument doc, DateOnly anchor, Dictionary<string, int> areas, CancellationToken ct)
    {
        var held = (await db.TrainingCapacities.Select(c => c.BusinessAreaId).Distinct().ToListAsync(ct)).ToHashSet();
        void Walk(IEnumerable<AreaEntry> list)
        {
            foreach (var entry in list)
            {
                if (!held.Contains(areas[entry.Code]))
                    foreach (var c in entry.TrainingCapacity ?? [])
                        db.TrainingCapacities.Add(new TrainingCapacity(areas[entry.Code], ChangeLoad.WeekStart(anchor.AddDays(c.FromDays)), c.HoursPerWeek, c.BauSharePercent, null, clock.UtcNow));
                Walk(entry.Children ?? []);
            }
        }
        Walk(doc.Areas);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Dictionary<string, string>> SeedUsersAsync(UsersDocument doc, Dictionary<string, int> areas, CancellationToken ct)
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        string? sharedHash = null;
        foreach (var entry in doc.Users)
        {
            var user = await users.FindByEmailAsync(entry.Email);
            if (user is null)
            {
                user = new ReadinessUser { UserName = entry.Email, Email = entry.Email, EmailConfirmed = true, DisplayName = entry.Name };
                // Every demo account has the same published password: it is checked against the password rules and
                // hashed once (a hash costs ~0.1 s at Identity's full strength; per account that was most of the cold start).
                sharedHash ??= await HashDemoPasswordAsync(user, doc.DefaultPassword);
                user.PasswordHash = sharedHash;
                Check(await users.CreateAsync(user), $"{SeedReader.UsersFile}: user {entry.Email}");
                // The roles are rows of the new account, saved with the memberships below. UserManager.AddToRolesAsync
                // would save and validate each account a second time (two queries and a save per person): about half
                // of a new database's seeding of people. The validator has checked every name is a role.
                foreach (var role in entry.Roles.Distinct())
                    db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
            }
            ids[entry.Email] = user.Id;
            var memberships = (entry.TeamLeadOf ?? []).Select(c => (c, AreaRole.TeamLead)).Concat((entry.BcmOf ?? []).Select(c => (c, AreaRole.Bcm)));
            foreach (var (code, role) in memberships)
            {
                var areaId = areas[code];
                if (!await db.AreaMemberships.AnyAsync(m => m.UserId == user.Id && m.BusinessAreaId == areaId && m.Role == role, ct))
                    db.AreaMemberships.Add(new AreaMembership(areaId, user.Id, role));
            }
        }
        await db.SaveChangesAsync(ct);
        return ids;
    }

    private async Task<string> HashDemoPasswordAsync(ReadinessUser user, string password)
    {
        foreach (var validator in users.PasswordValidators)
            Check(await validator.ValidateAsync(users, user, password), $"{SeedReader.UsersFile}: defaultPassword");
        return users.PasswordHasher.HashPassword(user, password);
    }

    private async Task SeedPortfolioAsync(PortfolioDocument doc, DateOnly anchor, Dictionary<string, int> areas, Dictionary<string, string> people, CancellationToken ct)
    {
        db.ChangeTracker.Clear(); // the areas, people and template are saved: see the end of a release below
        // The standard gates the PMO's pages add to a release; kinds already there keep the PMO's names and offsets.
        var kinds = await db.GateKindDefinitions.Select(k => k.Kind).ToListAsync(ct);
        foreach (var k in doc.GateKinds.Where(k => !kinds.Contains(Enum.Parse<GateKind>(k.Kind))))
            db.GateKindDefinitions.Add(new GateKindDefinition(Enum.Parse<GateKind>(k.Kind), k.Name, k.OffsetDays, k.Template));
        await db.SaveChangesAsync(ct);
        var templateIds = await db.Templates.GroupBy(t => t.Key)
            .Select(g => g.OrderByDescending(t => t.Version).Select(t => new { t.Key, t.Id }).First())
            .ToDictionaryAsync(t => t.Key, t => t.Id, ct);
        foreach (var p in doc.Programmes)
        {
            var programme = await db.Programmes.FirstOrDefaultAsync(x => x.Code == p.Code, ct);
            if (programme is null)
            {
                programme = new Programme(p.Code, p.Name, p.Description ?? "");
                db.Programmes.Add(programme);
                await db.SaveChangesAsync(ct);
            }
            foreach (var r in p.Releases)
            {
                if (await db.Releases.AnyAsync(x => x.Code == r.Code, ct)) continue;
                var release = new Release(programme.Id, r.Code, r.Name, r.Description ?? "", anchor.AddDays(r.GoLiveInDays), people[r.Sro], Enum.Parse<ReleaseStatus>(r.Status, ignoreCase: true));
                db.Releases.Add(release);
                await db.SaveChangesAsync(ct);
                var impacts = r.Impacts.Select(i => new Impact(release.Id, areas[i.Area], i.Headcount, Enum.Parse<ImpactLevel>(i.Level, ignoreCase: true), i.TrainingHoursPerPerson, i.HypercareWeeks)).ToList();
                db.Impacts.AddRange(impacts);
                foreach (var kind in doc.GateKinds.Where(k => r.Gates is null || r.Gates.Contains(k.Kind)))
                {
                    var templateId = kind.Template is null ? (int?)null : templateIds[kind.Template];
                    var gate = new Gate(release.Id, Enum.Parse<GateKind>(kind.Kind, ignoreCase: true), kind.Name, kind.OffsetDays, templateId,
                        r.Workflows?.GetValueOrDefault(kind.Kind));
                    db.Gates.Add(gate);
                    await db.SaveChangesAsync(ct);
                    // Releases already live or closed went through their gates before this system: no returns to collect.
                    if (templateId is { } tid && release.Status is ReleaseStatus.Planned or ReleaseStatus.InReadiness)
                        db.Assessments.AddRange(impacts.Select(i => new Assessment(release.Id, gate.Id, i.BusinessAreaId, tid, clock.UtcNow)));
                }
                await db.SaveChangesAsync(ct);
                // Saved, and only ids are used from here: every save looks for changes in everything tracked, so a
                // tracker holding the whole portfolio made the releases' saves cost O(n²) (~1 s of a loaded cold start).
                db.ChangeTracker.Clear();
            }
        }
        await SeedDependenciesAsync(doc, ct);
    }

    /// <summary>
    /// The generated part of the portfolio (portfolio-generated.json), in bulk: the missing programmes in one save, their
    /// missing releases in a second, and every gate, impact and return of those releases in a third — so 76 releases cost
    /// three round trips of inserts and one refresh of the tracker's read model, not a few hundred of each.
    /// </summary>
    private async Task SeedGeneratedAsync(IReadOnlyList<GateKindEntry> kinds, IReadOnlyList<ProgrammeEntry> programmes, DateOnly anchor,
        Dictionary<string, int> areas, Dictionary<string, string> people, CancellationToken ct)
    {
        var codes = programmes.Select(p => p.Code).ToList();
        var byCode = await db.Programmes.Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, ct);
        foreach (var p in programmes.Where(p => !byCode.ContainsKey(p.Code)))
            db.Programmes.Add(byCode[p.Code] = new Programme(p.Code, p.Name, p.Description ?? ""));
        await db.SaveChangesAsync(ct);

        var releaseCodes = programmes.SelectMany(p => p.Releases).Select(r => r.Code).ToList();
        var existing = (await db.Releases.Where(r => releaseCodes.Contains(r.Code)).Select(r => r.Code).ToListAsync(ct)).ToHashSet();
        var added = new List<(ReleaseEntry Entry, Release Release)>();
        foreach (var p in programmes)
            foreach (var r in p.Releases.Where(r => !existing.Contains(r.Code)))
            {
                var release = new Release(byCode[p.Code].Id, r.Code, r.Name, r.Description ?? "", anchor.AddDays(r.GoLiveInDays), people[r.Sro], Enum.Parse<ReleaseStatus>(r.Status));
                db.Releases.Add(release);
                added.Add((r, release));
            }
        if (added.Count == 0) return;
        await db.SaveChangesAsync(ct);

        var templateIds = await db.Templates.GroupBy(t => t.Key)
            .Select(g => g.OrderByDescending(t => t.Version).Select(t => new { t.Key, t.Id }).First())
            .ToDictionaryAsync(t => t.Key, t => t.Id, ct);
        foreach (var (entry, release) in added)
        {
            var impacts = entry.Impacts.Select(i => new Impact(release.Id, areas[i.Area], i.Headcount, Enum.Parse<ImpactLevel>(i.Level), i.TrainingHoursPerPerson, i.HypercareWeeks)).ToList();
            db.Impacts.AddRange(impacts);
            foreach (var kind in kinds)
            {
                var templateId = kind.Template is null ? (int?)null : templateIds[kind.Template];
                var gate = new Gate(release.Id, Enum.Parse<GateKind>(kind.Kind), kind.Name, kind.OffsetDays, templateId);
                db.Gates.Add(gate);
                // As for the hand-written releases: live or closed ones went through their gates before this system.
                if (templateId is { } tid && release.Status is ReleaseStatus.Planned or ReleaseStatus.InReadiness)
                    db.Assessments.AddRange(impacts.Select(i => new Assessment(release.Id, gate, i.BusinessAreaId, tid, clock.UtcNow)));
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the "dependsOn" links that are missing (by release code); existing ones are left alone.</summary>
    private async Task SeedDependenciesAsync(PortfolioDocument doc, CancellationToken ct)
    {
        var ids = await db.Releases.ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        var existing = (await db.ReleaseDependencies.Select(d => new { d.ReleaseId, d.DependsOnReleaseId }).ToListAsync(ct))
            .Select(d => (d.ReleaseId, d.DependsOnReleaseId)).ToHashSet();
        foreach (var r in doc.Programmes.SelectMany(p => p.Releases))
            foreach (var code in r.DependsOn ?? [])
                if (existing.Add((ids[r.Code], ids[code])))
                    db.ReleaseDependencies.Add(new ReleaseDependency(ids[r.Code], ids[code], $"{r.Code} needs {code} live first"));
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new StartupValidationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
