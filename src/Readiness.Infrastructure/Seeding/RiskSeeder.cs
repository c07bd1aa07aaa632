using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Risks;

namespace Readiness.Infrastructure.Seeding;

public sealed record RisksDocument(IReadOnlyList<RiskEntry> Risks);

/// <summary>One risk of seed-data/risks.json; days count from the day the demo was first seeded.</summary>
public sealed record RiskEntry(string Level, string Title, string Cause, string Event, string Effect, string Owner, int Likelihood, int Impact,
    string Proximity, string Controls, string Status, int ReviewInDays, string? Programme = null, IReadOnlyList<string>? Releases = null,
    IReadOnlyList<string>? Areas = null, IReadOnlyList<RiskActionEntry>? Actions = null);

public sealed record RiskActionEntry(string Description, string Owner, int DueInDays, bool Done = false);

/// <summary>
/// Reads seed-data/risks.json strictly (file, JSON path, problem and fix — nothing applied when anything is wrong)
/// and, once per database, adds its risks: the register is people's from then on, so a restart never adds a risk
/// someone closed or retitled again. A missing file means no demo risks.
/// </summary>
public sealed class RiskSeeder(ReadinessDbContext db, ReadinessClock clock, ILogger<RiskSeeder> logger)
{
    public const string File = "risks.json";
    private const string Run = "risks";

    public async Task ApplyAsync(RisksDocument doc, CancellationToken ct)
    {
        if (await db.SeedRuns.AnyAsync(r => r.Name == Run, ct)) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var anchor = await db.SeedRuns.Where(r => r.Name == "demo").Select(r => (DateOnly?)r.AnchorDate).FirstOrDefaultAsync(ct) ?? clock.Today;
        var users = await db.Users.Where(u => u.Email != null).ToDictionaryAsync(u => u.Email!, u => u.Id, StringComparer.OrdinalIgnoreCase, ct);
        var programmes = await db.Programmes.ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var releases = await db.Releases.ToDictionaryAsync(r => r.Code, r => r.Id, ct);
        var areas = await db.BusinessAreas.ToDictionaryAsync(a => a.Code, a => a.Id, ct);
        var now = clock.UtcNow;
        foreach (var e in doc.Risks)
        {
            var details = new RiskDetails(Enum.Parse<RiskLevel>(e.Level), e.Programme is null ? null : programmes[e.Programme], e.Title, e.Cause, e.Event, e.Effect,
                users[e.Owner], Enum.Parse<RiskProximity>(e.Proximity), e.Controls, anchor.AddDays(e.ReviewInDays), Enum.Parse<RiskStatus>(e.Status),
                (e.Releases ?? []).Select(c => releases[c]).ToList(), (e.Areas ?? []).Select(c => areas[c]).ToList());
            var risk = new Risk(details, e.Likelihood, e.Impact, users[e.Owner], now);
            foreach (var a in e.Actions ?? []) risk.AddAction(a.Description, users[a.Owner], anchor.AddDays(a.DueInDays), now);
            db.Risks.Add(risk);
            await db.SaveChangesAsync(ct);
            foreach (var (a, action) in (e.Actions ?? []).Zip(risk.Actions).Where(x => x.First.Done)) risk.CompleteAction(action.Id, users[a.Owner], now);
        }
        db.SeedRuns.Add(new SeedRun(Run, anchor, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Risk register seeded ({Count} risks)", doc.Risks.Count);
    }

    /// <summary>Reads and validates the file; throws a start-up error listing every problem.</summary>
    public static RisksDocument? Read(string folder, SeedSet seed) =>
        SeedReader.ReadOptional<RisksDocument>(folder, File, (doc, problems) => Validate(doc, seed, problems));

    private static void Validate(RisksDocument doc, SeedSet seed, SeedProblems problems)
    {
        var people = seed.Users.Users.Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var programmes = seed.Portfolio.Programmes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var releases = seed.Portfolio.Programmes.SelectMany(p => p.Releases).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var areas = new HashSet<string>(StringComparer.Ordinal);
        void Walk(IEnumerable<AreaEntry> list) { foreach (var a in list) { areas.Add(a.Code); Walk(a.Children ?? []); } }
        Walk(seed.Areas.Areas);
        string Names(IEnumerable<string> names) => string.Join(", ", names);

        for (var i = 0; i < doc.Risks.Count; i++)
        {
            var e = doc.Risks[i];
            var p = $"$.risks[{i}]";
            void Bad(string field, string message) => problems.Add(File, $"{p}.{field}", message);
            if (!SeedValidator.TryEnum<RiskLevel>(e.Level, out var level)) Bad("level", $"'{e.Level}' is not a level. Use {Names(Enum.GetNames<RiskLevel>())}.");
            if (string.IsNullOrWhiteSpace(e.Title)) Bad("title", "Give the risk a short title.");
            else if (e.Title.Length > RiskInputCheck.TitleLimit) Bad("title", $"Keep the title to {RiskInputCheck.TitleLimit} characters or fewer.");
            foreach (var (field, value) in new[] { ("cause", e.Cause), ("event", e.Event), ("effect", e.Effect) })
                if (string.IsNullOrWhiteSpace(value)) Bad(field, $"Say the risk's {field}: a risk is cause → event → effect.");
            if (!people.Contains(e.Owner)) Bad("owner", $"Unknown person '{e.Owner}'. Use an email from users.json.");
            if (!RiskScoring.IsRating(e.Likelihood)) Bad("likelihood", "Use 1 (rare) to 5 (almost certain).");
            if (!RiskScoring.IsRating(e.Impact)) Bad("impact", "Use 1 (minimal) to 5 (severe).");
            if (!SeedValidator.TryEnum<RiskProximity>(e.Proximity, out _)) Bad("proximity", $"'{e.Proximity}' is not a proximity. Use {Names(Enum.GetNames<RiskProximity>())}.");
            if (!SeedValidator.TryEnum<RiskStatus>(e.Status, out _)) Bad("status", $"'{e.Status}' is not a status. Use {Names(Enum.GetNames<RiskStatus>())}.");
            if (level == RiskLevel.Programme && !programmes.Contains(e.Programme ?? "")) Bad("programme", $"A programme risk needs a programme code from portfolio.json: {Names(programmes)}.");
            else if (level != RiskLevel.Programme && e.Programme is not null) Bad("programme", "Only a programme risk names a programme. Remove it, or make the level Programme.");
            if (level == RiskLevel.Release && (e.Releases ?? []).Count == 0) Bad("releases", "A release risk needs at least one release code from portfolio.json.");
            for (var k = 0; k < (e.Releases ?? []).Count; k++)
                if (!releases.Contains(e.Releases![k])) Bad($"releases[{k}]", $"Unknown release '{e.Releases[k]}'. Use a release code from portfolio.json.");
            for (var k = 0; k < (e.Areas ?? []).Count; k++)
                if (!areas.Contains(e.Areas![k])) Bad($"areas[{k}]", $"Unknown business area '{e.Areas[k]}'. Use an area code from business-areas.json.");
            for (var k = 0; k < (e.Actions ?? []).Count; k++)
            {
                var a = e.Actions![k];
                if (string.IsNullOrWhiteSpace(a.Description)) Bad($"actions[{k}].description", "Say what the action is.");
                if (!people.Contains(a.Owner)) Bad($"actions[{k}].owner", $"Unknown person '{a.Owner}'. Use an email from users.json.");
            }
        }
    }
}
