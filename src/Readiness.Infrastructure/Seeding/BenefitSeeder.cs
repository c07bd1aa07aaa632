using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Benefits;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Seeding;

public sealed record BenefitsDocument(IReadOnlyList<BenefitEntry> Benefits);

/// <summary>
/// One benefit of seed-data/benefits.json. Profile and measurement days count from the go-live (T0) of the first release
/// listed; a lead indicator is named by its code in indicators.json (of one of the benefit's releases).
/// </summary>
public sealed record BenefitEntry(string Code, string Programme, string Name, string Kind, string Measure, string Owner,
    IReadOnlyList<string> Releases, IReadOnlyList<string> Areas, string? Description = null, string Unit = "", decimal? Baseline = null, decimal? Target = null,
    string? LeadIndicator = null, IReadOnlyList<DayValue>? Profile = null, IReadOnlyList<DayValue>? Measurements = null);

public sealed record DayValue(int Day, decimal Value);

/// <summary>
/// Reads seed-data/benefits.json strictly — every problem as file, JSON path and fix, nothing applied when anything is
/// wrong — and adds the benefits and measurements that are missing (benefits by code, measurements by day). The rules are
/// the register's own (<see cref="BenefitRules"/>), so a seeded benefit is one the form would accept. No file, no benefits.
/// </summary>
public sealed class BenefitSeeder(ReadinessDbContext db, ReadinessClock clock)
{
    public const string File = "benefits.json";

    public async Task ApplyAsync(BenefitsDocument doc, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var programmes = await db.Programmes.ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var releases = await db.Releases.ToDictionaryAsync(r => r.Code, r => new { r.Id, r.GoLive }, ct);
        var areas = await db.BusinessAreas.ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        var users = await db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id, StringComparer.OrdinalIgnoreCase, ct);
        var indicators = await db.LeadIndicators.Select(i => new { i.Id, i.ReleaseId, i.Code }).ToListAsync(ct);
        foreach (var e in doc.Benefits)
        {
            var t0 = releases[e.Releases[0]].GoLive;
            var benefit = await db.Benefits.FirstOrDefaultAsync(b => b.Code == e.Code, ct);
            if (benefit is null)
            {
                var releaseIds = e.Releases.Select(r => releases[r].Id).ToList();
                var indicator = e.LeadIndicator is null ? null : indicators.FirstOrDefault(i => i.Code == e.LeadIndicator && releaseIds.Contains(i.ReleaseId))?.Id;
                benefit = new Benefit(Spec(e, programmes[e.Programme], users[e.Owner], releaseIds, e.Areas.Select(a => areas[a]).ToList(), indicator, t0), clock.UtcNow);
                db.Benefits.Add(benefit);
                await db.SaveChangesAsync(ct);
            }
            var held = (await db.BenefitMeasurements.Where(m => m.BenefitId == benefit.Id).Select(m => m.Date).ToListAsync(ct)).ToHashSet();
            db.BenefitMeasurements.AddRange((e.Measurements ?? []).Select(m => (Date: t0.AddDays(m.Day), m.Value)).Where(m => !held.Contains(m.Date))
                .Select(m => new BenefitMeasurement(benefit.Id, m.Date, m.Value, MeasurementSource.Manual, users[e.Owner], DateTime.SpecifyKind(m.Date.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc))));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static BenefitSpec Spec(BenefitEntry e, int programmeId, string ownerId, IReadOnlyList<int> releaseIds, IReadOnlyList<int> areaIds, int? indicatorId, DateOnly t0) =>
        new(programmeId, e.Code, e.Name, e.Description ?? "", SeedValidator.TryEnum<BenefitKind>(e.Kind, out var kind) ? kind : default, e.Measure, e.Unit,
            e.Baseline, e.Target, ownerId, indicatorId, releaseIds, areaIds, (e.Profile ?? []).Select(p => new ProfilePoint(t0.AddDays(p.Day), p.Value)).ToList());

    /// <summary>Reads and validates the file against the rest of the seed data; throws a start-up error listing every problem.</summary>
    public static BenefitsDocument? Read(string folder, SeedSet seed, IndicatorsDocument? indicators)
    {
        var path = Path.Combine(folder, File);
        if (!System.IO.File.Exists(path)) return null;
        var problems = new SeedProblems();
        BenefitsDocument? doc = null;
        try
        {
            doc = JsonSerializer.Deserialize<BenefitsDocument>(System.IO.File.ReadAllText(path), SeedReader.Json);
            if (doc is null) problems.Add(File, "$", "The file is empty (null). It must hold {\"benefits\": [...]}.");
        }
        catch (JsonException ex)
        {
            problems.Add(File, (ex.Path ?? "$") + (ex.LineNumber is { } l ? $" (line {l + 1})" : ""), ex.Message.Split(" Path: ")[0]);
        }
        if (doc is not null) BenefitSeedValidation.Validate(doc, seed, indicators, problems);
        problems.ThrowIfAny(folder);
        return doc;
    }
}
