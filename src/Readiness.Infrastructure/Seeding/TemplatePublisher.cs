using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Seeding;

/// <summary>Publishes template versions from seed files. A published version is immutable: changed content needs a new version.</summary>
internal static class TemplatePublisher
{
    public static async Task PublishAsync(ReadinessDbContext db, SeedSet seed, DateTime nowUtc, CancellationToken ct)
    {
        foreach (var (file, doc, hash) in seed.Templates)
        {
            var existing = await db.Templates.FirstOrDefaultAsync(t => t.Key == doc.Key && t.Version == doc.Version, ct);
            if (existing is not null)
            {
                if (existing.ContentHash != hash)
                    throw new StartupValidationException(
                        $"{file}: $.version: template '{doc.Key}' version {doc.Version} is already published with different content. " +
                        $"Published versions never change (returns were answered against them): set \"version\": {doc.Version + 1} to publish the change.");
                continue;
            }
            db.Templates.Add(Build(doc, hash, nowUtc));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The template row (with sections and criteria) for a validated document; also used by the PMO's upload.</summary>
    internal static QuestionnaireTemplate Build(TemplateDocument doc, string hash, DateTime nowUtc)
    {
        var template = new QuestionnaireTemplate(doc.Key, doc.Version, doc.Name, doc.Description ?? "", doc.Thresholds.Green, doc.Thresholds.Amber, hash, nowUtc);
        var order = 0;
        foreach (var s in doc.Sections)
        {
            var section = new TemplateSection(template.Sections.Count + 1, s.Code, s.Title, s.Description ?? "");
            foreach (var c in s.Criteria) section.Criteria.Add(new Criterion(ToSpec(++order, c)));
            template.Sections.Add(section);
        }
        return template;
    }

    private static CriterionSpec ToSpec(int order, CriterionEntry c) => new(
        order, c.Code, c.Text, Enum.Parse<AnswerType>(c.AnswerType, ignoreCase: true), c.Weight, c.Blocking, c.Required, c.MinimumPass,
        Enum.Parse<EvidenceRule>(c.Evidence, ignoreCase: true), c.ExpectedEvidence, c.Guidance, c.Range?.Min, c.Range?.Max, c.Unit,
        c.AppliesIf?.MinImpactLevel is { } l ? Enum.Parse<ImpactLevel>(l, ignoreCase: true) : null,
        c.AppliesIf?.RequiresTraining ?? false, c.AppliesIf?.RequiresHypercare ?? false);
}
