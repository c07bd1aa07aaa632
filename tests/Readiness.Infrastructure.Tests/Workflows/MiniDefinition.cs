namespace Readiness.Infrastructure.Tests.Workflows;

/// <summary>A small definition ("Start" → "Done") around states a test writes inline.</summary>
internal static class MiniDefinition
{
    public const string Done = """{ "name": "Done", "title": "Done", "terminal": true }""";

    /// <summary>A small definition around the given states; "Start" is the initial state unless told otherwise.</summary>
    public static string Json(string states, string id = "mini", string initial = "Start") => $$"""
        {
          "$schema": "./workflow.schema.json",
          "id": "{{id}}",
          "version": 1,
          "title": "Mini",
          "subjectKind": "AreaReturn",
          "initialState": "{{initial}}",
          "states": [ {{states}} ]
        }
        """;
}
