using Readiness.Core.Admin;
using Readiness.Core.Templates;

namespace Readiness.Infrastructure.Seeding;

/// <summary>The PMO's template upload, read and validated by the same code as seed-data/templates/*.json.</summary>
public sealed class TemplateUpload : ITemplateParser
{
    public (QuestionnaireTemplate? Template, IReadOnlyList<string> Problems) Parse(string fileName, string json, DateTime nowUtc)
    {
        var problems = new SeedProblems();
        var (doc, hash) = SeedReader.ReadTemplate(fileName, json, problems);
        return problems.Count > 0 || doc is null ? (null, problems.Items) : (TemplatePublisher.Build(doc, hash, nowUtc), []);
    }
}
