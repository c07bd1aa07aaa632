using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

namespace Readiness.Infrastructure.Seeding;

/// <summary>
/// The generated part of the demo portfolio: checks the compact description (every problem as "file: JSON path: what is
/// wrong and what to do") and expands it into programmes and releases. Deterministic: each programme draws from a
/// random generator seeded by the file's seed and a stable hash of the programme's code, so the same file gives the same
/// portfolio on every machine, and editing one programme leaves the others as they were.
/// </summary>
public static class GeneratedPortfolio
{
    public const string File = "portfolio-generated.json";

    internal static void Validate(GeneratedPortfolioDocument doc, HashSet<string> areaCodes, IReadOnlyDictionary<string, IReadOnlyList<string>> users,
        PortfolioDocument written, SeedProblems problems)
    {
        var programmeCodes = written.Programmes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var releaseCodes = written.Programmes.SelectMany(p => p.Releases).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < doc.Programmes.Count; i++)
        {
            var g = doc.Programmes[i];
            var p = $"$.programmes[{i}]";
            SeedValidator.CheckCode(File, $"{p}.code", g.Code, problems);
            if (!programmeCodes.Add(g.Code))
                problems.Add(File, $"{p}.code", $"Programme code '{g.Code}' is already used (in portfolio.json or above). Give the generated programme a code of its own.");
            if (string.IsNullOrWhiteSpace(g.Name)) problems.Add(File, $"{p}.name", "Give the programme a name.");
            if (!users.TryGetValue(g.Sro, out var roles) || !roles.Contains(Roles.Sro))
                problems.Add(File, $"{p}.sro", $"'{g.Sro}' is not a user with the SRO role in users.json.");
            if (!g.ReleaseCode.Contains("{n}", StringComparison.Ordinal))
                problems.Add(File, $"{p}.releaseCode", "Put {n} in the release code pattern (the release's number), e.g. \"SOH-{n}\".");
            if (!g.ReleaseName.Contains("{part}", StringComparison.Ordinal))
                problems.Add(File, $"{p}.releaseName", "Put {part} in the release name pattern, e.g. \"Single Online Home — {part}\".");
            if (g.Parts.Count == 0) problems.Add(File, $"{p}.parts", "List at least one part: each part is one release.");
            for (var k = 0; k < g.Parts.Count; k++)
            {
                if (string.IsNullOrWhiteSpace(g.Parts[k])) problems.Add(File, $"{p}.parts[{k}]", "Name the part (it goes into the release's name).");
                var code = CodeOf(g, k);
                if (g.ReleaseCode.Contains("{n}", StringComparison.Ordinal) && !releaseCodes.Add(code))
                    problems.Add(File, $"{p}.releaseCode", $"Release code '{code}' is already used. Choose a pattern no other release shares.");
            }
            if (g.ReleaseCode.Contains("{n}", StringComparison.Ordinal) && g.Parts.Count > 0)
                SeedValidator.CheckCode(File, $"{p}.releaseCode", CodeOf(g, g.Parts.Count - 1), problems);
            if (g.Areas.Count == 0) problems.Add(File, $"{p}.areas", "List the business areas the releases may impact.");
            for (var k = 0; k < g.Areas.Count; k++)
                if (!areaCodes.Contains(g.Areas[k])) problems.Add(File, $"{p}.areas[{k}]", $"Unknown business area '{g.Areas[k]}'. Use a code from business-areas.json.");
            if (g.Areas.Distinct().Count() != g.Areas.Count) problems.Add(File, $"{p}.areas", "An area is listed twice. List each once.");
            Range(g.AreasPerRelease.Min, g.AreasPerRelease.Max, 1, Math.Max(1, g.Areas.Count), $"{p}.areasPerRelease", "areas per release", problems);
            Range(g.GoLiveInDays.Min, g.GoLiveInDays.Max, -3650, 3650, $"{p}.goLiveInDays", "days from the first seeding day", problems);
            Range(g.Headcount.Min, g.Headcount.Max, 1, 1_000_000, $"{p}.headcount", "headcount", problems);
            Range(g.HypercareWeeks.Min, g.HypercareWeeks.Max, 0, ChangeLoad.MaxHypercareWeeks, $"{p}.hypercareWeeks", "hypercare weeks", problems);
            if (g.TrainingHoursPerPerson.Min < 0 || g.TrainingHoursPerPerson.Min > g.TrainingHoursPerPerson.Max || g.TrainingHoursPerPerson.Max > 500)
                problems.Add(File, $"{p}.trainingHoursPerPerson", "Give training hours per person as a range from 0 to 500, with min at or below max.");
            if (g.Levels.Count == 0) problems.Add(File, $"{p}.levels", "List at least one impact level: Low, Medium or High.");
            for (var k = 0; k < g.Levels.Count; k++)
                if (!SeedValidator.TryEnum<ImpactLevel>(g.Levels[k], out _)) problems.Add(File, $"{p}.levels[{k}]", $"'{g.Levels[k]}' is not an impact level. Use Low, Medium or High.");
        }
    }

    private static void Range(int min, int max, int lowest, int highest, string path, string what, SeedProblems problems)
    {
        if (min < lowest || max > highest || min > max)
            problems.Add(File, path, $"Give {what} as a range from {lowest} to {highest}, with min at or below max (found {min} to {max}).");
    }

    private static string CodeOf(GeneratedProgrammeEntry g, int index) => g.ReleaseCode.Replace("{n}", (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The programmes and releases the description stands for (it has been validated).</summary>
    public static IReadOnlyList<ProgrammeEntry> Expand(GeneratedPortfolioDocument doc) =>
        doc.Programmes.Select(g =>
        {
            var random = new Random(doc.Seed ^ StableHash(g.Code));
            var span = g.GoLiveInDays.Max - g.GoLiveInDays.Min;
            var releases = g.Parts.Select((part, k) =>
            {
                // Spread evenly over the range, each somewhere in its own slot: every stretch of the calendar gets go-lives.
                var slot = (double)span / g.Parts.Count;
                var goLive = g.GoLiveInDays.Min + (int)Math.Round(slot * k + random.NextDouble() * slot);
                var areas = g.Areas.OrderBy(_ => random.Next()).Take(random.Next(g.AreasPerRelease.Min, g.AreasPerRelease.Max + 1)).ToList();
                var impacts = areas.Select(area => new ImpactEntry(area,
                    Math.Max(1, (int)Math.Round(random.Next(g.Headcount.Min, g.Headcount.Max + 1) / 10.0) * 10),
                    g.Levels[random.Next(g.Levels.Count)],
                    Math.Round((g.TrainingHoursPerPerson.Min + (decimal)random.NextDouble() * (g.TrainingHoursPerPerson.Max - g.TrainingHoursPerPerson.Min)) * 2) / 2,
                    random.Next(g.HypercareWeeks.Min, g.HypercareWeeks.Max + 1))).ToList();
                var name = g.ReleaseName.Replace("{part}", part, StringComparison.Ordinal);
                return new ReleaseEntry(CodeOf(g, k), name, goLive, g.Sro, StatusFor(goLive).ToString(), impacts,
                    $"{name}: part of {g.Name}.");
            }).ToList();
            return new ProgrammeEntry(g.Code, g.Name, releases, g.Description);
        }).ToList();

    /// <summary>A release's status from its go-live: long past closed, past live, soon in readiness, later planned.</summary>
    public static ReleaseStatus StatusFor(int goLiveInDays) => goLiveInDays switch
    {
        < -60 => ReleaseStatus.Closed,
        < 0 => ReleaseStatus.Live,
        <= 75 => ReleaseStatus.InReadiness,
        _ => ReleaseStatus.Planned,
    };

    /// <summary>FNV-1a: the same on every run and machine (string.GetHashCode is randomised per process).</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return (int)hash;
    }
}
