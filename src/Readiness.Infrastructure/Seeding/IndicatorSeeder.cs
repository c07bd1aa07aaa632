using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Readiness.Core.Common;
using Readiness.Core.Indicators;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Seeding;

public sealed record IndicatorsDocument(IReadOnlyList<IndicatorEntry> Indicators);

/// <summary>One lead indicator of seed-data/indicators.json; reading days count from the release's go-live (T0).</summary>
public sealed record IndicatorEntry(string Release, string Area, string Code, string Name, string Unit, string Direction, decimal Baseline,
    decimal AmberThreshold, decimal RedThreshold, int WatchWeeks, int CheckEveryDays, string Source, IReadOnlyList<ReadingEntry> Readings,
    int ConsecutiveAmberForRed = 0, string? SourceUrl = null);

public sealed record ReadingEntry(int Day, decimal Value);

/// <summary>
/// Reads seed-data/indicators.json strictly (file, JSON path, problem — nothing applied when anything is wrong), adds the
/// indicators and readings that are missing (matched by release and code, readings by day), then runs the indicator
/// check once so a seeded breach shows as an alert straight away. A missing file means no demo indicators.
/// </summary>
public sealed class IndicatorSeeder(ReadinessDbContext db, IndicatorCheck check, ILogger<IndicatorSeeder> logger)
{
    public const string File = "indicators.json";

    /// <summary>Adds missing indicators and readings; runs the first check only when something was added (not on every start).</summary>
    public async Task ApplyAsync(IndicatorsDocument doc, CancellationToken ct)
    {
        var added = 0;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var areas = await db.BusinessAreas.ToDictionaryAsync(a => a.Code, a => a.Id, ct);
            var releases = await db.Releases.ToDictionaryAsync(r => r.Code, r => new { r.Id, r.GoLive }, ct);
            foreach (var e in doc.Indicators)
            {
                var release = releases[e.Release];
                var indicator = await db.LeadIndicators.FirstOrDefaultAsync(i => i.ReleaseId == release.Id && i.Code == e.Code, ct);
                if (indicator is null)
                {
                    indicator = new LeadIndicator(new LeadIndicatorSpec(release.Id, areas[e.Area], e.Code, e.Name, e.Unit, Enum.Parse<IndicatorDirection>(e.Direction),
                        e.Baseline, e.AmberThreshold, e.RedThreshold, e.WatchWeeks, e.CheckEveryDays, e.ConsecutiveAmberForRed, Enum.Parse<IndicatorSource>(e.Source), e.SourceUrl));
                    db.LeadIndicators.Add(indicator);
                    await db.SaveChangesAsync(ct);
                }
                var held = (await db.IndicatorReadings.Where(r => r.IndicatorId == indicator.Id).Select(r => r.Date).ToListAsync(ct)).ToHashSet();
                var missing = e.Readings.Select(r => (Date: release.GoLive.AddDays(r.Day), r.Value)).Where(r => !held.Contains(r.Date))
                    .Select(r => new IndicatorReading(indicator.Id, r.Date, r.Value, indicator.Source, null, DateTime.SpecifyKind(r.Date.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc))).ToList();
                db.IndicatorReadings.AddRange(missing);
                added += missing.Count;
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        if (added == 0) return;
        var summary = await check.RunAsync(ct);
        logger.LogInformation("Lead indicators seeded ({Count}); first check opened {Opened} alert(s)", doc.Indicators.Count, summary.Opened);
    }

    /// <summary>Reads and validates the file; throws a start-up error listing every problem.</summary>
    public static IndicatorsDocument? Read(string folder, SeedSet seed) =>
        SeedReader.ReadOptional<IndicatorsDocument>(folder, File, (doc, problems) => Validate(doc, seed, problems));

    private static void Validate(IndicatorsDocument doc, SeedSet seed, SeedProblems problems)
    {
        var releases = seed.Portfolio.Programmes.SelectMany(p => p.Releases).ToDictionary(r => r.Code, r => r.Impacts.Select(i => i.Area).ToHashSet(), StringComparer.Ordinal);
        var keys = new HashSet<(string, string)>();
        for (var i = 0; i < doc.Indicators.Count; i++)
        {
            var e = doc.Indicators[i];
            var p = $"$.indicators[{i}]";
            void Bad(string field, string message) => problems.Add(File, $"{p}.{field}", message);
            if (!releases.TryGetValue(e.Release, out var impacted)) Bad("release", $"Unknown release '{e.Release}'. Use a release code from portfolio.json.");
            else if (!impacted.Contains(e.Area)) Bad("area", $"Release {e.Release} does not impact '{e.Area}'. Use one of: {string.Join(", ", impacted)}.");
            if (!keys.Add((e.Release, e.Code))) Bad("code", $"Indicator '{e.Code}' is listed twice for release {e.Release}.");
            // The page's rules (IndicatorDefinition), with the enum texts checked here, as only the file can misspell them.
            var directionKnown = SeedValidator.TryEnum<IndicatorDirection>(e.Direction, out var direction);
            if (!directionKnown) Bad("direction", "Use HigherIsBetter or LowerIsBetter.");
            var sourceKnown = SeedValidator.TryEnum<IndicatorSource>(e.Source, out var source);
            if (!sourceKnown) Bad("source", "Use Manual, Csv or Http.");
            var definition = new IndicatorDefinitionInput(e.Code, e.Name, e.Unit, directionKnown ? direction : null, e.Baseline, e.AmberThreshold, e.RedThreshold,
                e.WatchWeeks, e.CheckEveryDays, e.ConsecutiveAmberForRed, sourceKnown ? source : null, e.SourceUrl);
            foreach (var problem in IndicatorDefinition.Problems(definition))
                Bad(JsonNamingPolicy.CamelCase.ConvertName(problem.Field), problem.Message);
            var days = new HashSet<int>();
            for (var k = 0; k < e.Readings.Count; k++)
                if (!days.Add(e.Readings[k].Day)) Bad($"readings[{k}].day", $"Day {e.Readings[k].Day} has two readings: one reading per day.");
        }
    }
}
