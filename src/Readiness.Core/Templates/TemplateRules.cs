using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Templates;

/// <summary>
/// The applies-if rules of each published template's criteria, kept by the node (a singleton): My work counts the
/// criteria that apply to each return on every page, and reading the same rules again was a tenth of the page. A
/// published template never changes (a new version is a new row, saved with its sections and criteria in one unit of
/// work), so a template's rules once read are its rules on every node for good. A copy made by hand
/// (<c>new TemplateRules()</c>, as tests build the queries that use it) starts empty and reads them.
/// </summary>
public sealed class TemplateRules
{
    public sealed record Rule(ImpactLevel? MinImpactLevel, bool IfTraining, bool IfHypercare)
    {
        public bool AppliesTo(Impact? impact) => Criterion.Applies(MinImpactLevel, IfTraining, IfHypercare, impact);

        public bool AppliesTo(ImpactLevel? level, decimal trainingHoursPerPerson, int hypercareWeeks) =>
            Criterion.Applies(MinImpactLevel, IfTraining, IfHypercare, level, trainingHoursPerPerson, hypercareWeeks);
    }

    private readonly ConcurrentDictionary<int, IReadOnlyList<Rule>> _byTemplate = new();

    /// <summary>The rules of each template asked for, in the order of its criteria; one query for those not yet kept.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<Rule>>> ForAsync(ReadinessDbContext db, IReadOnlyCollection<int> templateIds, CancellationToken ct)
    {
        var missing = templateIds.Where(id => !_byTemplate.ContainsKey(id)).Distinct().ToList();
        var read = new Dictionary<int, List<Rule>>();
        if (missing.Count > 0)
        {
            await foreach (var r in RulesOf.For(db)(db, missing).WithCancellation(ct))
                (read.TryGetValue(r.TemplateId, out var list) ? list : read[r.TemplateId] = []).Add(new Rule(r.MinImpactLevel, r.IfTraining, r.IfHypercare));
            // Only what was found is kept: an id with no criteria read now (no such template yet) may be one later.
            foreach (var (id, rules) in read) _byTemplate.TryAdd(id, rules);
        }
        return templateIds.Distinct().ToDictionary(id => id, id => _byTemplate.TryGetValue(id, out var kept) ? kept : read.GetValueOrDefault(id) ?? (IReadOnlyList<Rule>)[]);
    }

    private sealed record TemplateRule(int TemplateId, ImpactLevel? MinImpactLevel, bool IfTraining, bool IfHypercare);

    /// <summary>Compiled once: every My work page and dashboard runs it until the node has its templates.</summary>
    private static readonly CompiledPerModel<Func<ReadinessDbContext, List<int>, IAsyncEnumerable<TemplateRule>>> RulesOf = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, List<int> templateIds) =>
            from c in db.Criteria.AsNoTracking()
            join s in db.TemplateSections on c.SectionId equals s.Id
            where templateIds.Contains(s.TemplateId)
            // In the questionnaire's order, so a template's rules read the same on every database.
            orderby s.TemplateId, s.Order, c.Order
            select new TemplateRule(s.TemplateId, c.AppliesIfMinImpactLevel, c.AppliesIfTraining, c.AppliesIfHypercare)));
}
