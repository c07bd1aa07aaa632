using Readiness.Core.Workflows;
using Readiness.Infrastructure.Startup;
using Readiness.Infrastructure.Workflows;

namespace Readiness.Infrastructure.Tests.Workflows;

/// <summary>
/// A temp "…/workflows" folder holding the real schema, optionally the real definitions, and whatever a test
/// writes. Named "workflows" so messages read "workflows/file.json: …" as they do in production.
/// </summary>
internal sealed class WorkflowFolder : IDisposable
{
    public static readonly IReadOnlySet<string> Guards = new HashSet<string>(StringComparer.Ordinal)
    {
        HandlerNames.AllReturnsApproved,
        HandlerNames.PreGoLiveConditionsMet,
        Core.Reviews.ReviewHandlerNames.AllReviewsSubmitted,
        Core.Reviews.ReviewHandlerNames.HypercareActionsMet,
    };

    public static readonly IReadOnlySet<string> Actions = new HashSet<string>(StringComparer.Ordinal)
    {
        HandlerNames.RequestBcmApproval,
        HandlerNames.RequestSecondApproval,
        HandlerNames.RequestEscalatedApproval,
        HandlerNames.MarkReturnApproved,
        HandlerNames.MarkReturnReturned,
        HandlerNames.NotifyReturned,
        HandlerNames.CheckGateReady,
        HandlerNames.RequestSroDecision,
        HandlerNames.NotifyDecision,
        HandlerNames.MarkReleaseLive,
        Core.Reviews.ReviewHandlerNames.RequestReviewDecision,
        Core.Reviews.ReviewHandlerNames.NotifyReviewDecision,
        Core.Reviews.ReviewHandlerNames.CloseRelease,
    };

    private readonly string _parent = Path.Combine(Path.GetTempPath(), "readiness-wf-" + Guid.NewGuid().ToString("N"));

    public WorkflowFolder(bool withRealDefinitions = false)
    {
        Root = Path.Combine(_parent, "workflows");
        Directory.CreateDirectory(Root);
        foreach (var file in Directory.GetFiles(RealWorkflows(), "*.json"))
            if (withRealDefinitions || Path.GetFileName(file) == WorkflowDefinitionLoader.SchemaFile)
                File.Copy(file, Path.Combine(Root, Path.GetFileName(file)));
    }

    public string Root { get; }

    public void Write(string file, string json) => File.WriteAllText(Path.Combine(Root, file), json);

    public string ReadText(string file) => File.ReadAllText(Path.Combine(Root, file));

    public IReadOnlyList<LoadedDefinition> Load() => WorkflowDefinitionLoader.Load(Root, Guards, Actions);

    /// <summary>Loads the folder, expecting it to be refused, and returns the message.</summary>
    public string LoadFails() => Assert.Throws<StartupValidationException>(Load).Message;

    public void Dispose()
    {
        if (Directory.Exists(_parent)) Directory.Delete(_parent, recursive: true);
    }

    public static string RealWorkflows()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Readiness.sln"))) return Path.Combine(dir.FullName, "workflows");
        throw new InvalidOperationException($"Readiness.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The real definition, loaded with the real handler names.</summary>
    public static WorkflowDefinition Real(string id)
    {
        using var folder = new WorkflowFolder(withRealDefinitions: true);
        return folder.Load().Single(l => l.Definition.Id == id).Definition;
    }
}
