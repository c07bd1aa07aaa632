using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Infrastructure.Tests.Persistence;

/// <summary>
/// A node's copy of the templates' applies-if rules (<see cref="TemplateRules"/>) against a real, migrated database:
/// each template's rules are read once and kept, a template published later is read when first asked for, and an id
/// with no template yet is not remembered as having no rules.
/// </summary>
public sealed class TemplateRulesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("readiness-rules-").FullName;
    private readonly TemplateRules _rules = new();

    private ReadinessDbContext NewDb() => TestDatabase.NewContext(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<int> PublishAsync(string key, params CriterionSpec[] criteria)
    {
        await using var db = NewDb();
        await db.Database.MigrateAsync();
        var template = new QuestionnaireTemplate(key, 1, key, "", 85m, 65m, "hash-" + key, DateTime.UtcNow);
        var section = new TemplateSection(1, "S", "Section", "");
        section.Criteria.AddRange(criteria.Select((c, i) => new Criterion(c with { Order = i + 1, Code = $"{key}-{i + 1}", Text = $"Question {i + 1}?" })));
        template.Sections.Add(section);
        db.Templates.Add(template);
        await db.SaveChangesAsync();
        return template.Id;
    }

    private static CriterionSpec Spec(ImpactLevel? min = null, bool training = false, bool hypercare = false) =>
        new(0, "", "", AnswerType.YesNo, 1, false, false, null, EvidenceRule.None, "", "", AppliesIfMinImpactLevel: min, AppliesIfTraining: training, AppliesIfHypercare: hypercare);

    private async Task<IReadOnlyDictionary<int, IReadOnlyList<TemplateRules.Rule>>> ReadAsync(params int[] ids)
    {
        await using var node = NewDb();
        return await _rules.ForAsync(node, ids, CancellationToken.None);
    }

    [Fact]
    public async Task Each_templates_rules_are_read_once_and_a_template_published_later_when_first_asked_for()
    {
        var first = await PublishAsync("first", Spec(), Spec(ImpactLevel.High), Spec(training: true));
        var unknown = first + 1;

        var read = await ReadAsync(first, unknown);
        Assert.Equal([new(null, false, false), new(ImpactLevel.High, false, false), new(null, true, false)], read[first]);
        Assert.Empty(read[unknown]);

        // The next template published takes the id asked for before: its rules are read, not an empty list kept.
        var second = await PublishAsync("second", Spec(hypercare: true));
        Assert.Equal(unknown, second);
        var again = await ReadAsync(first, second);
        Assert.Same(read[first], again[first]);
        Assert.Equal([new TemplateRules.Rule(null, false, true)], again[second]);
    }

    [Fact]
    public async Task A_rule_applies_as_the_criterion_does_to_the_areas_impact()
    {
        var id = await PublishAsync("rules", Spec(), Spec(ImpactLevel.Medium), Spec(training: true), Spec(hypercare: true));
        var rules = (await ReadAsync(id))[id];

        Assert.Equal(1, rules.Count(r => r.AppliesTo(null)));
        Assert.Equal(3, rules.Count(r => r.AppliesTo(new Impact(1, 1, 10, ImpactLevel.Low, 2m, 1))));
        Assert.Equal(2, rules.Count(r => r.AppliesTo(new Impact(1, 1, 10, ImpactLevel.High, 0m, 0))));
    }
}
