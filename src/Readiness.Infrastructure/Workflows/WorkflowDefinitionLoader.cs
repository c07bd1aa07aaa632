using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Readiness.Core.Workflows;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure.Workflows;

/// <summary>
/// One definition file as loaded. <see cref="Json"/> is the definition re-serialized canonically (no whitespace,
/// comments or "$schema"; fixed property order) and <see cref="ContentHash"/> is the SHA-256 of it, so reformatting a
/// file does not count as a change but any change of meaning does. <see cref="Json"/> is what a snapshot stores.
/// </summary>
public sealed record LoadedDefinition(string File, WorkflowDefinition Definition, string Json, string ContentHash);

/// <summary>
/// Reads every workflows/*.json (except the schema), checks it against workflow.schema.json, deserializes it
/// strictly and runs the meaning checks. Any problem stops start-up with one message listing each as
/// "file: JSON path: problem and fix"; nothing is returned unless every file is sound.
/// </summary>
public static class WorkflowDefinitionLoader
{
    public const string SchemaFile = "workflow.schema.json";

    private const string SchemaProperty = "$schema";

    private static readonly JsonDocumentOptions Document = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Strict reading, the same as for the seed files: a misspelt or missing property is an error, not a default.</summary>
    private static readonly JsonSerializerOptions Read = Seeding.SeedReader.Json;

    /// <summary>
    /// The canonical form. The records' get-only properties (Exits, EntryActions, …) are views over the real data,
    /// so they are left out — IgnoreReadOnlyProperties does not drop collection-typed ones, hence the modifier.
    /// Absent optional values are left out rather than written as null.
    /// </summary>
    private static readonly JsonSerializerOptions Canonical = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OnlySettableProperties } },
    };

    private static void OnlySettableProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
            if (info.Properties[i].Set is null) info.Properties.RemoveAt(i);
    }

    public static IReadOnlyList<LoadedDefinition> Load(string folder, IReadOnlySet<string> knownGuards, IReadOnlySet<string> knownActions)
    {
        ArgumentNullException.ThrowIfNull(knownGuards);
        ArgumentNullException.ThrowIfNull(knownActions);
        if (!Directory.Exists(folder))
            throw new StartupValidationException(
                $"The workflow definitions folder '{folder}' does not exist. Set Workflows:Path to the folder that holds {SchemaFile} and the definition files (area-return.json, go-live-gate.json, …).");

        var label = FolderLabel(folder);
        var schema = LoadSchema(folder, label);
        var files = Directory.GetFiles(folder, "*.json")
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) && Path.GetFileName(f) != SchemaFile)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new StartupValidationException(
                $"The workflow definitions folder '{folder}' has no definitions. Add at least one *.json file beside {SchemaFile} (the standard ones are area-return.json and go-live-gate.json).");

        var problems = new WorkflowProblems();
        var loaded = new List<LoadedDefinition>();
        foreach (var path in files)
        {
            var file = $"{label}/{Path.GetFileName(path)}";
            var definition = ReadOne(path, file, schema, problems);
            if (definition is null) continue;
            WorkflowDefinitionValidator.Validate(file, definition, knownGuards, knownActions, problems);
            var expectedId = Path.GetFileNameWithoutExtension(path);
            if (definition.Id != expectedId)
                problems.Add(file, "$.id", $"id '{definition.Id}' does not match the file name. Set \"id\": \"{expectedId}\", or rename the file to '{definition.Id}.json'.");
            var json = ToCanonicalJson(definition);
            loaded.Add(new LoadedDefinition(file, definition, json, HashOf(json)));
        }
        CheckVersionsUnique(loaded, problems);
        problems.ThrowIfAny(folder);
        return loaded;
    }

    /// <summary>Reads a snapshot's stored <see cref="LoadedDefinition.Json"/> back into a definition.</summary>
    public static WorkflowDefinition FromSnapshotJson(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Read) ?? throw new JsonException("The snapshot JSON is null.");

    /// <summary>SHA-256 (lower-case hex) of the canonical JSON of a definition.</summary>
    public static string ContentHashOf(WorkflowDefinition definition) => HashOf(ToCanonicalJson(definition));

    internal static string ToCanonicalJson(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Canonical);

    private static string HashOf(string canonicalJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    private static WorkflowSchemaCheck LoadSchema(string folder, string label)
    {
        var path = Path.Combine(folder, SchemaFile);
        if (!File.Exists(path))
            throw new StartupValidationException(
                $"{label}/{SchemaFile}: $: the schema is missing, so the definitions cannot be checked. Restore it from the repository's workflows/ folder.");
        try
        {
            return WorkflowSchemaCheck.Create(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is JsonException or Json.Schema.JsonSchemaException or Json.Schema.RefResolutionException)
        {
            throw new StartupValidationException($"{label}/{SchemaFile}: $: the schema cannot be read ({CleanMessage(ex.Message)}). Restore it from the repository's workflows/ folder.");
        }
    }

    private static WorkflowDefinition? ReadOne(string path, string file, WorkflowSchemaCheck schema, WorkflowProblems problems)
    {
        var text = File.ReadAllText(path);
        JsonNode? node;
        try
        {
            using var document = JsonDocument.Parse(text, Document);
            var schemaProblems = schema.Check(document.RootElement);
            foreach (var (jsonPath, message) in schemaProblems) problems.Add(file, jsonPath, message);
            // Deserializing a file that breaks the schema would only repeat the same problems less clearly.
            if (schemaProblems.Count > 0) return null;
            node = JsonNode.Parse(text, documentOptions: Document);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
            problems.Add(file, (ex.Path ?? "$") + line, $"the file is not valid JSON: {CleanMessage(ex.Message)}");
            return null;
        }

        // "$schema" points editors at the schema; it is not part of the definition.
        if (node is JsonObject obj) obj.Remove(SchemaProperty);
        try
        {
            var definition = node.Deserialize<WorkflowDefinition>(Read);
            if (definition is null) problems.Add(file, "$", "The file is empty (null). It must hold a workflow definition object.");
            return definition;
        }
        catch (JsonException ex)
        {
            problems.Add(file, ex.Path ?? "$", CleanMessage(ex.Message));
            return null;
        }
    }

    private static void CheckVersionsUnique(IReadOnlyList<LoadedDefinition> loaded, WorkflowProblems problems)
    {
        var first = new Dictionary<(string, int), string>();
        foreach (var d in loaded)
        {
            var key = (d.Definition.Id, d.Definition.Version);
            if (!first.TryAdd(key, d.File))
                problems.Add(d.File, "$.version", $"'{d.Definition.Id}' version {d.Definition.Version} is also defined in {first[key]}. Each (id, version) must be defined once; remove one of the files.");
        }
    }

    /// <summary>Messages name files as "workflows/area-return.json", i.e. relative to the folder's parent.</summary>
    private static string FolderLabel(string folder) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));

    /// <summary>System.Text.Json appends "Path: … | LineNumber: …" to its messages; we report those ourselves.</summary>
    private static string CleanMessage(string message)
    {
        foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.Trim();
    }
}
