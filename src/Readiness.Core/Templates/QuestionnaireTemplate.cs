namespace Readiness.Core.Templates;

/// <summary>
/// One published version of a questionnaire. Immutable once published: a new version is a new row,
/// and returns keep the version they were started on.
/// </summary>
public class QuestionnaireTemplate
{
    private QuestionnaireTemplate() { }

    public QuestionnaireTemplate(string key, int version, string name, string description, decimal greenThreshold, decimal amberThreshold, string contentHash, DateTime publishedAtUtc)
    {
        if (amberThreshold > greenThreshold)
            throw new ArgumentException("The amber threshold cannot be above the green threshold.", nameof(amberThreshold));
        Key = key;
        Version = version;
        Name = name;
        Description = description;
        GreenThreshold = greenThreshold;
        AmberThreshold = amberThreshold;
        ContentHash = contentHash;
        PublishedAtUtc = publishedAtUtc;
    }

    public int Id { get; private set; }
    public string Key { get; private set; } = "";
    public int Version { get; private set; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>Weighted score (0–100) at or above which a return is Green.</summary>
    public decimal GreenThreshold { get; private set; }

    /// <summary>Weighted score (0–100) at or above which a return is Amber; below it, Red.</summary>
    public decimal AmberThreshold { get; private set; }

    /// <summary>SHA-256 of the published content: a re-seed with changed content but the same version is refused.</summary>
    public string ContentHash { get; private set; } = "";
    public DateTime PublishedAtUtc { get; private set; }
    public List<TemplateSection> Sections { get; private set; } = [];

    public IEnumerable<Criterion> AllCriteria => Sections.OrderBy(s => s.Order).SelectMany(s => s.Criteria.OrderBy(c => c.Order));
}
