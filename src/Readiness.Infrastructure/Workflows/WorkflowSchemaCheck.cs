using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Readiness.Infrastructure.Workflows;

/// <summary>
/// Evaluates a definition against workflows/workflow.schema.json and turns each error into "JSON path: problem and
/// fix". The library's own messages ("All values fail against the false schema") do not say what to do, so the
/// common cases are reworded using the schema itself (allowed properties, enum values, descriptions).
/// </summary>
internal sealed class WorkflowSchemaCheck
{
    private readonly JsonSchema _schema;
    private readonly JsonNode _schemaNode;

    private WorkflowSchemaCheck(JsonSchema schema, JsonNode schemaNode)
    {
        _schema = schema;
        _schemaNode = schemaNode;
    }

    /// <exception cref="JsonException">The schema file is not valid JSON.</exception>
    /// <exception cref="JsonSchemaException">The file is JSON but not a valid schema.</exception>
    public static WorkflowSchemaCheck Create(string schemaText)
    {
        // A private registry: the schema has an $id, and each load (tests load many times) must not clash with
        // an earlier registration in the library's global registry.
        var schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        return new WorkflowSchemaCheck(schema, JsonNode.Parse(schemaText)!);
    }

    public IReadOnlyList<(string Path, string Message)> Check(JsonElement instance)
    {
        // List output: one flat node per failing location, each with its instance location (the JSON path we report).
        var results = _schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var problems = new List<(string, string)>();
        foreach (var node in new[] { results }.Concat(results.Details ?? []))
        {
            if (node.Errors is null) continue;
            var segments = Segments(node.InstanceLocation.ToString());
            foreach (var (keyword, message) in node.Errors)
                problems.Add((ToJsonPath(instance, segments), Describe(instance, segments, keyword, message)));
        }
        if (problems.Count == 0) problems.Add(("$", "The file does not match workflow.schema.json."));
        return problems.Distinct().ToList();
    }

    private string Describe(JsonElement instance, List<string> segments, string keyword, string libraryMessage)
    {
        var value = ValueAt(instance, segments);
        var schema = SchemaAt(segments, instance);
        if (keyword is "" or "false" && segments.Count > 0)
        {
            // additionalProperties: false reports the unexpected property itself.
            var parent = SchemaAt(segments.Take(segments.Count - 1).ToList(), instance);
            var allowed = (parent?["properties"] as JsonObject)?.Select(p => p.Key) ?? [];
            return $"unknown property '{segments[^1]}'. Remove it or correct its spelling; allowed here: {string.Join(", ", allowed)}.";
        }
        if (keyword == "required" && value is { ValueKind: JsonValueKind.Object } obj && (schema?["required"]) is JsonArray required)
        {
            var missing = required.Select(r => r!.GetValue<string>()).Where(r => !obj.TryGetProperty(r, out _)).Select(r => $"'{r}'").ToList();
            var plural = missing.Count != 1;
            return $"missing required {(plural ? "properties" : "property")} {string.Join(", ", missing)}. Add {(plural ? "them" : "it")}.";
        }
        if (keyword == "enum" && (schema?["enum"]) is JsonArray options)
            return $"{Show(value)} is not allowed here. Use one of: {string.Join(", ", options.Select(o => o!.ToJsonString()))}.";
        if (keyword == "minLength" && value is { ValueKind: JsonValueKind.String } && value.Value.GetString()!.Length == 0)
            return "must not be empty. Write the text people will see.";
        if (keyword == "pattern")
        {
            var hint = (schema?["description"])?.GetValue<string>();
            return $"{Show(value)} does not have the expected form ({(schema?["pattern"])}).{(hint is null ? "" : " " + hint)}";
        }
        return libraryMessage.TrimEnd('.') + ".";
    }

    private static string Show(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } s ? $"'{s.GetString()}'" : value?.GetRawText() ?? "The value";

    /// <summary>The schema that applies at an instance location, following properties, items and local $refs.</summary>
    private JsonNode? SchemaAt(List<string> segments, JsonElement instance)
    {
        var node = Deref(_schemaNode);
        JsonElement? current = instance;
        foreach (var segment in segments)
        {
            if (node is null) return null;
            var isArray = current is { ValueKind: JsonValueKind.Array };
            node = Deref(isArray ? node["items"] : node["properties"]?[segment]);
            current = Step(current, segment);
        }
        return node;
    }

    /// <summary>Resolves "#/$defs/…" references; the schema has no others.</summary>
    private JsonNode? Deref(JsonNode? node)
    {
        for (var hops = 0; hops < 10 && node?["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal); hops++)
        {
            JsonNode? target = _schemaNode;
            foreach (var part in reference[2..].Split('/')) target = target?[Unescape(part)];
            // Keywords beside the $ref (e.g. a description) are not needed for messages, so the target stands in.
            node = target;
        }
        return node;
    }

    private static JsonElement? ValueAt(JsonElement instance, List<string> segments)
    {
        JsonElement? current = instance;
        foreach (var segment in segments) current = Step(current, segment);
        return current;
    }

    private static JsonElement? Step(JsonElement? current, string segment) => current switch
    {
        { ValueKind: JsonValueKind.Array } a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.GetArrayLength() => a[i],
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty(segment, out var p) => p,
        _ => null,
    };

    /// <summary>A JSON Pointer ("/states/0/name") as the JSON path used in every other message ("$.states[0].name").</summary>
    private static string ToJsonPath(JsonElement instance, List<string> segments)
    {
        var path = "$";
        JsonElement? current = instance;
        foreach (var segment in segments)
        {
            path += current is { ValueKind: JsonValueKind.Array } ? $"[{segment}]"
                : segment.All(char.IsAsciiLetterOrDigit) && segment.Length > 0 ? "." + segment
                : $"['{segment}']";
            current = Step(current, segment);
        }
        return path;
    }

    private static List<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer.TrimStart('/').Split('/').Select(Unescape).ToList();

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
