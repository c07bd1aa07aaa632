using System.Text.Json;
using System.Text.Json.Nodes;
using Readiness.Infrastructure.Startup;
using Readiness.Infrastructure.Workflows;

namespace Readiness.Infrastructure.Tests.Workflows;

/// <summary>WorkflowDefinitionLoader on the real workflows/ folder, on its content hash, and on missing folders.</summary>
public sealed class WorkflowDefinitionLoadingTests : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly WorkflowFolder _folder = new(withRealDefinitions: true);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_real_definitions_load_with_the_real_handler_names()
    {
        var loaded = _folder.Load();

        Assert.Equal(["area-return", "area-return-escalating", "area-return-two-approvers", "go-live-gate", "post-go-live-review"], loaded.Select(l => l.Definition.Id).Order(StringComparer.Ordinal));
        Assert.All(loaded, l => Assert.Equal(1, l.Definition.Version));
        Assert.Contains(loaded, l => l.File == "workflows/go-live-gate.json" && l.Definition.SubjectKind == "Gate");
        Assert.All(loaded, l => Assert.Matches("^[0-9a-f]{64}$", l.ContentHash));
    }

    [Fact]
    public void The_real_folder_loads_in_place()
    {
        var loaded = WorkflowDefinitionLoader.Load(WorkflowFolder.RealWorkflows(), WorkflowFolder.Guards, WorkflowFolder.Actions);

        Assert.Equal(5, loaded.Count);
    }

    [Fact]
    public void The_real_definitions_have_the_agreed_shape()
    {
        var loaded = _folder.Load().ToDictionary(l => l.Definition.Id, l => l.Definition);

        var review = loaded["area-return"].State("BcmReview");
        Assert.Equal("Submitted – with the BCM for review", review.Title);
        Assert.Equal(["RequestBcmApproval"], review.EntryActions);
        Assert.True(review.Exits.Single(t => t.Trigger == "return").CommentRequired);

        var second = loaded["area-return-two-approvers"].State("SecondReview");
        Assert.All(second.Exits, t => Assert.Equal(["SRO"], t.AllowedRoles));

        var gate = loaded["go-live-gate"];
        Assert.Equal("T+42", Assert.Single(gate.State("PostGoLiveMonitoring").StateTimers).At);
        Assert.True(gate.State("Closed").Terminal);
    }

    [Fact]
    public void The_content_hash_ignores_whitespace_comments_and_schema_but_not_meaning()
    {
        const string file = "area-return.json";
        var original = HashOf(_folder.Load(), "area-return");

        var node = JsonNode.Parse(_folder.ReadText(file))!;
        node.AsObject().Remove("$schema");
        _folder.Write(file, "// re-indented, without $schema\n" + node.ToJsonString(Indented));
        var reformatted = HashOf(_folder.Load(), "area-return");

        node["title"] = "Area readiness return (revised)";
        _folder.Write(file, node.ToJsonString());
        var changed = HashOf(_folder.Load(), "area-return");

        Assert.Equal(original, reformatted);
        Assert.NotEqual(original, changed);
    }

    [Fact]
    public void The_canonical_json_reads_back_to_the_same_content()
    {
        foreach (var item in _folder.Load())
        {
            var again = WorkflowDefinitionLoader.FromSnapshotJson(item.Json);

            Assert.Equal(item.ContentHash, WorkflowDefinitionLoader.ContentHashOf(again));
            Assert.DoesNotContain("$schema", item.Json, StringComparison.Ordinal);
            Assert.DoesNotContain("exits", item.Json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_folder_says_which_setting_to_change()
    {
        var message = Assert.Throws<StartupValidationException>(() =>
            WorkflowDefinitionLoader.Load(Path.Combine(_folder.Root, "nope"), WorkflowFolder.Guards, WorkflowFolder.Actions)).Message;

        Assert.Contains("does not exist. Set Workflows:Path", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_with_only_the_schema_has_no_definitions()
    {
        using var empty = new WorkflowFolder();

        var message = empty.LoadFails();

        Assert.Contains("has no definitions. Add at least one *.json file beside workflow.schema.json", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_schema_is_reported()
    {
        File.Delete(Path.Combine(_folder.Root, WorkflowDefinitionLoader.SchemaFile));

        var message = _folder.LoadFails();

        Assert.Contains("workflows/workflow.schema.json: $: the schema is missing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_schema_is_reported()
    {
        File.WriteAllText(Path.Combine(_folder.Root, WorkflowDefinitionLoader.SchemaFile), "{ \"type\": ");

        var message = _folder.LoadFails();

        Assert.Contains("workflows/workflow.schema.json: $: the schema cannot be read", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unregistered_handler_in_a_real_file_is_caught()
    {
        var guards = new HashSet<string>(StringComparer.Ordinal) { "AllReturnsApproved" };

        var message = Assert.Throws<StartupValidationException>(() => WorkflowDefinitionLoader.Load(_folder.Root, guards, WorkflowFolder.Actions)).Message;

        Assert.Contains("workflows/go-live-gate.json: $.states[1].transitions[0].guard: unknown guard 'PreGoLiveConditionsMet'. Known guards: AllReturnsApproved.", message, StringComparison.Ordinal);
    }

    private static string HashOf(IReadOnlyList<LoadedDefinition> loaded, string id) => loaded.Single(l => l.Definition.Id == id).ContentHash;
}
