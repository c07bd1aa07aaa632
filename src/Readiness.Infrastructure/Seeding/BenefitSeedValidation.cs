using Readiness.Core.Benefits;
using Readiness.Core.Identity;

namespace Readiness.Infrastructure.Seeding;

/// <summary>
/// The meaning checks of seed-data/benefits.json: names that resolve (programme, releases of that programme, areas, a
/// BCM owner, a lead indicator of one of the releases in the benefit's unit), the register's own rules, and measurements
/// no later than the first seeding day. Each problem is file, JSON path and what to do.
/// </summary>
internal static class BenefitSeedValidation
{
    public static void Validate(BenefitsDocument doc, SeedSet seed, IndicatorsDocument? indicators, SeedProblems problems)
    {
        var file = BenefitSeeder.File;
        var programmes = seed.Portfolio.Programmes.ToDictionary(p => p.Code, p => p.Releases.ToDictionary(r => r.Code, r => r.GoLiveInDays), StringComparer.Ordinal);
        var areas = new HashSet<string>(StringComparer.Ordinal);
        void Walk(IEnumerable<AreaEntry> list)
        {
            foreach (var a in list)
            {
                areas.Add(a.Code);
                Walk(a.Children ?? []);
            }
        }
        Walk(seed.Areas.Areas);
        var bcms = seed.Users.Users.Where(u => u.Roles.Contains(Roles.Bcm)).Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < doc.Benefits.Count; i++)
        {
            var e = doc.Benefits[i];
            var p = $"$.benefits[{i}]";
            void Bad(string field, string message) => problems.Add(file, $"{p}.{field}", message);
            if (!codes.Add(e.Code)) Bad("code", $"Benefit '{e.Code}' is listed twice. Give each benefit its own code.");
            if (!SeedValidator.TryEnum<BenefitKind>(e.Kind, out var kind)) Bad("kind", "Use Cashable, NonCashable or Qualitative.");
            if (!programmes.TryGetValue(e.Programme, out var releases)) Bad("programme", $"Unknown programme '{e.Programme}'. Use a programme code from portfolio.json.");
            else
            {
                if (e.Releases.Count == 0) Bad("releases", "Name at least one release that realises the benefit.");
                for (var k = 0; k < e.Releases.Count; k++)
                    if (!releases.ContainsKey(e.Releases[k])) Bad($"releases[{k}]", $"'{e.Releases[k]}' is not a release of {e.Programme}. Use one of: {string.Join(", ", releases.Keys)}.");
                if (e.Releases.Count > 0 && releases.TryGetValue(e.Releases[0], out var goLiveInDays))
                    for (var k = 0; k < (e.Measurements ?? []).Count; k++)
                        if (goLiveInDays + e.Measurements![k].Day > 0)
                            Bad($"measurements[{k}].day", $"Day {e.Measurements[k].Day} after {e.Releases[0]}'s go-live is in the future when the demo is first seeded. Use {-goLiveInDays} or less.");
            }
            for (var k = 0; k < e.Areas.Count; k++)
                if (!areas.Contains(e.Areas[k])) Bad($"areas[{k}]", $"Unknown business area '{e.Areas[k]}'. Use a code from business-areas.json.");
            if (!bcms.Contains(e.Owner)) Bad("owner", $"'{e.Owner}' is not a BCM in users.json. The owner must be a Business Change Manager.");
            if (e.LeadIndicator is { } code && indicators?.Indicators.FirstOrDefault(x => x.Code == code && e.Releases.Contains(x.Release)) is var indicator)
            {
                if (indicator is null) Bad("leadIndicator", $"No indicator '{code}' of the benefit's releases in indicators.json.");
                else if (!string.Equals(indicator.Unit, e.Unit, StringComparison.OrdinalIgnoreCase)) Bad("leadIndicator", $"The indicator is in {indicator.Unit} and the benefit in '{e.Unit}': use the same unit.");
            }
            if (DuplicateDay(e.Profile) is { } pd) Bad("profile", $"Day {pd} is in the profile twice: one expected value per day.");
            if (DuplicateDay(e.Measurements) is { } md) Bad("measurements", $"Day {md} has two measurements: one per day.");
            // The register's own rules, on a spec with stand-in ids (names are checked above).
            var spec = new BenefitSpec(1, e.Code, e.Name, e.Description ?? "", kind, e.Measure, e.Unit, e.Baseline, e.Target, e.Owner, null, [1], [1],
                (e.Profile ?? []).DistinctBy(x => x.Day).Select(x => new ProfilePoint(DateOnly.MinValue.AddDays(x.Day + 1000), x.Value)).ToList());
            foreach (var (field, message) in BenefitRules.Problems(spec).Where(x => x.Key is not ("Releases" or "Areas" or "Owner" or "Kind")))
                Bad(char.ToLowerInvariant(field[0]) + field[1..], field == "Profile" && Outside(e) is { } day
                    ? $"Day {day.Day}: {day.Value} is outside the baseline ({e.Baseline}) to target ({e.Target})." : message);
        }
    }

    private static DayValue? Outside(BenefitEntry e) => e.Baseline is { } b && e.Target is { } t
        ? e.Profile?.FirstOrDefault(x => x.Value < Math.Min(b, t) || x.Value > Math.Max(b, t)) : null;

    private static int? DuplicateDay(IReadOnlyList<DayValue>? values) => values?.GroupBy(v => v.Day).FirstOrDefault(g => g.Count() > 1)?.Key;
}
