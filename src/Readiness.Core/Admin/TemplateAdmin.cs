using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Templates;

namespace Readiness.Core.Admin;

/// <summary>Reads an uploaded template with the seed files' parser and rules (implemented beside the seed reader).</summary>
public interface ITemplateParser
{
    /// <summary>The unsaved template, or the problems as "file: JSON path: message" lines.</summary>
    (QuestionnaireTemplate? Template, IReadOnlyList<string> Problems) Parse(string fileName, string json, DateTime nowUtc);
}

/// <summary>
/// The PMO publishes a new questionnaire template version. Published versions are immutable: existing returns keep
/// theirs; returns created from now on use the latest version of the key.
/// </summary>
public sealed class TemplateAdmin(ReadinessDbContext db, AdminSupport support, ITemplateParser parser)
{
    public const int MaxBytes = 1_000_000;

    public async Task<Result<string>> PublishAsync(Actor actor, string fileName, string json, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            if (string.IsNullOrWhiteSpace(json)) return Failures.Invalid("Upload", "Choose a template JSON file to upload.");
            if (json.Length > MaxBytes) return Failures.Invalid("Upload", "The file is larger than 1 MB. Upload one template JSON file.");
            var (template, problems) = parser.Parse(fileName, json, support.Now);
            if (template is null || problems.Count > 0) return Failures.Invalid(problems.Take(20).Select(p => new FieldError("Upload", p)).ToList());
            var latest = await db.Templates.Where(t => t.Key == template.Key).OrderByDescending(t => t.Version).Select(t => (int?)t.Version).FirstOrDefaultAsync(ct);
            if (latest is { } v && template.Version <= v)
                return Failures.Invalid("Upload", $"{fileName}: $.version: template '{template.Key}' is already at version {v}. Published versions never change: set \"version\": {v + 1}.");
            db.Templates.Add(template);
            support.Audit(actor, origin, "template.published", "QuestionnaireTemplate", $"{template.Key} v{template.Version}",
                $"{template.Key}: v{latest?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} → v{template.Version} ({template.AllCriteria.Count()} criteria); existing returns keep their version");
            return AdminSupport.Done($"Template {template.Key} version {template.Version} published. New returns use it; existing returns keep their version.");
        }, ct);
    }
}
