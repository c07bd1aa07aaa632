using Readiness.Infrastructure.Startup;
using Readiness.Infrastructure.Workflows;

namespace Readiness.Infrastructure.Seeding;

/// <summary>A release may name a workflow variant per gate kind; each must be a loaded definition.</summary>
internal static class SeedWorkflowCheck
{
    public static void Validate(SeedSet seed, IReadOnlyList<LoadedDefinition> workflows)
    {
        var ids = workflows.Select(w => w.Definition.Id).ToHashSet(StringComparer.Ordinal);
        var kinds = seed.Portfolio.GateKinds.Select(k => k.Kind).ToHashSet(StringComparer.Ordinal);
        var problems = new SeedProblems();
        for (var i = 0; i < seed.Portfolio.Programmes.Count; i++)
        {
            var releases = seed.Portfolio.Programmes[i].Releases;
            for (var j = 0; j < releases.Count; j++)
                foreach (var (kind, id) in releases[j].Workflows ?? new Dictionary<string, string>())
                {
                    var path = $"$.programmes[{i}].releases[{j}].workflows.{kind}";
                    if (!kinds.Contains(kind)) problems.Add(SeedReader.PortfolioFile, path, $"'{kind}' is not one of the gateKinds ({string.Join(", ", kinds)}).");
                    else if (!ids.Contains(id)) problems.Add(SeedReader.PortfolioFile, path, $"No workflow definition '{id}'. Use one of: {string.Join(", ", ids.Order())}.");
                }
        }
        problems.ThrowIfAny("seed-data");
    }
}
