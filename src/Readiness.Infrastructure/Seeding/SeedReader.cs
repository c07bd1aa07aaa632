using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Seeding;

/// <summary>
/// Reads and validates every file in seed-data/. Any problem stops start-up with one message listing each
/// problem as "file: JSON path: what is wrong and what to do"; nothing is written to the database.
/// </summary>
public sealed class SeedReader
{
    public const string AreasFile = "business-areas.json";
    public const string UsersFile = "users.json";
    public const string PortfolioFile = "portfolio.json";
    public const string TemplatesFolder = "templates";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static SeedSet Read(string folder) => Read(folder, includeGenerated: true);

    /// <param name="includeGenerated">Also read portfolio-generated.json (when present) and expand it (Seed:Generated).</param>
    public static SeedSet Read(string folder, bool includeGenerated)
    {
        if (!Directory.Exists(folder))
            throw new StartupValidationException($"Seed data folder '{folder}' does not exist. Set Seed:Path to the folder that holds business-areas.json, users.json, portfolio.json and templates/.");

        var problems = new SeedProblems();
        var areas = Load<AreasDocument>(folder, AreasFile, problems);
        var users = Load<UsersDocument>(folder, UsersFile, problems);
        var portfolio = Load<PortfolioDocument>(folder, PortfolioFile, problems);
        var templates = new List<(string, TemplateDocument, string)>();
        var templateFolder = Path.Combine(folder, TemplatesFolder);
        var templateFiles = Directory.Exists(templateFolder) ? Directory.GetFiles(templateFolder, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        if (templateFiles.Count == 0) problems.Add(TemplatesFolder, "$", "No questionnaire template found. Add at least one templates/*.json file.");
        foreach (var path in templateFiles)
        {
            var name = $"{TemplatesFolder}/{Path.GetFileName(path)}";
            var doc = Load<TemplateDocument>(folder, name, problems);
            if (doc is not null) templates.Add((name, doc, HashOf(doc)));
        }

        // The generated part of the portfolio is optional: without its file the demo is the hand-written one.
        var generated = includeGenerated && File.Exists(Path.Combine(folder, GeneratedPortfolio.File))
            ? Load<GeneratedPortfolioDocument>(folder, GeneratedPortfolio.File, problems)
            : null;

        if (areas is not null && users is not null && portfolio is not null)
            SeedValidator.Validate(areas, users, portfolio, templates, problems, generated);
        problems.ThrowIfAny(folder);
        return new SeedSet(areas!, users!, portfolio!, templates, generated is null ? null : GeneratedPortfolio.Expand(generated));
    }

    private static T? Load<T>(string folder, string name, SeedProblems problems) where T : class
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            problems.Add(name, "$", "The file is missing.");
            return null;
        }
        try
        {
            var doc = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json);
            if (doc is null) problems.Add(name, "$", "The file is empty (null). It must hold a JSON object.");
            return doc;
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
            problems.Add(name, (ex.Path ?? "$") + line, CleanMessage(ex.Message));
            return null;
        }
    }

    /// <summary>Reads one template document from text with the same parser and rules as the seed files (the PMO's upload).</summary>
    internal static (TemplateDocument? Doc, string Hash) ReadTemplate(string name, string json, SeedProblems problems)
    {
        try
        {
            var doc = JsonSerializer.Deserialize<TemplateDocument>(json, Json);
            if (doc is null) problems.Add(name, "$", "The file is empty (null). It must hold a JSON object.");
            else SeedValidator.ValidateTemplate(name, doc, problems);
            return (doc, doc is null ? "" : HashOf(doc));
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
            problems.Add(name, (ex.Path ?? "$") + line, CleanMessage(ex.Message));
            return (null, "");
        }
    }

    /// <summary>
    /// An optional seed file beside the required ones (indicators.json, risks.json): null when it is absent; otherwise
    /// read strictly, checked by <paramref name="validate"/>, and refused at start-up with every problem listed.
    /// </summary>
    internal static T? ReadOptional<T>(string folder, string name, Action<T, SeedProblems> validate) where T : class
    {
        if (!File.Exists(Path.Combine(folder, name))) return null;
        var problems = new SeedProblems();
        var doc = Load<T>(folder, name, problems);
        if (doc is not null) validate(doc, problems);
        problems.ThrowIfAny(folder);
        return doc;
    }

    /// <summary>System.Text.Json appends "Path: … | LineNumber: …" to its messages; we report those ourselves.</summary>
    private static string CleanMessage(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    /// <summary>Hash of the template's meaning (not its whitespace), to spot a changed template that kept its version.</summary>
    private static string HashOf(TemplateDocument doc) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(doc, Json)));
}

/// <summary>Collects problems found in seed files so all of them are reported at once.</summary>
public sealed class SeedProblems
{
    private readonly List<string> _items = [];

    public int Count => _items.Count;
    public IReadOnlyList<string> Items => _items;

    public void Add(string file, string path, string message) => _items.Add($"{file}: {path}: {message}");

    public void ThrowIfAny(string folder)
    {
        if (_items.Count == 0) return;
        var shown = _items.Take(30).Select(i => "  - " + i);
        var more = _items.Count > 30 ? $"\n  … and {_items.Count - 30} more." : "";
        throw new StartupValidationException(
            $"The seed data in '{folder}' has {_items.Count} problem(s); nothing was loaded. Fix them and start again:\n{string.Join('\n', shown)}{more}");
    }
}
