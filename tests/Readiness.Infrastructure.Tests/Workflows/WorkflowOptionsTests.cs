using Readiness.Infrastructure.Startup;
using Readiness.Infrastructure.Workflows;

namespace Readiness.Infrastructure.Tests.Workflows;

/// <summary>WorkflowOptions: the path default and the gate-kind defaults checked against what was loaded.</summary>
public sealed class WorkflowOptionsTests
{
    private static readonly IReadOnlyList<LoadedDefinition> Loaded =
        WorkflowDefinitionLoader.Load(WorkflowFolder.RealWorkflows(), WorkflowFolder.Guards, WorkflowFolder.Actions);

    [Fact]
    public void The_defaults_name_the_standard_definitions()
    {
        var options = new WorkflowOptions();

        options.ValidateDefaults(Loaded);

        Assert.Equal("area-return", options.Defaults["Readiness"]);
        Assert.Equal("go-live-gate", options.Defaults["GoNoGo"]);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "workflows"), options.ResolvedPath);
    }

    [Fact]
    public void A_default_naming_no_loaded_definition_is_refused()
    {
        var options = new WorkflowOptions();
        options.Defaults["GoNoGo"] = "go-live-gates";

        var message = Assert.Throws<StartupValidationException>(() => options.ValidateDefaults(Loaded)).Message;

        Assert.Contains("Workflows:Defaults:GoNoGo: no workflow definition has id 'go-live-gates'. Use one of: area-return, area-return-escalating, area-return-two-approvers, go-live-gate", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_for_a_gate_kind_that_does_not_exist_is_refused()
    {
        var options = new WorkflowOptions();
        options.Defaults["GoLive"] = "go-live-gate";

        var message = Assert.Throws<StartupValidationException>(() => options.ValidateDefaults(Loaded)).Message;

        Assert.Contains("Workflows:Defaults:GoLive: 'GoLive' is not a gate kind. Use one of: Readiness, GoNoGo, PostGoLiveReview.", message, StringComparison.Ordinal);
    }
}
