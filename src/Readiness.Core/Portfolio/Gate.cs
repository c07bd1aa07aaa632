namespace Readiness.Core.Portfolio;

/// <summary>A checkpoint of a release, due a number of days before or after T0.</summary>
public class Gate
{
    private Gate() { }

    public Gate(int releaseId, GateKind kind, string name, int dueOffsetDays, int? templateId, string? workflowDefinitionId = null)
    {
        WorkflowDefinitionId = workflowDefinitionId;
        ReleaseId = releaseId;
        Kind = kind;
        Name = name;
        DueOffsetDays = dueOffsetDays;
        TemplateId = templateId;
    }

    public int Id { get; private set; }
    public int ReleaseId { get; private set; }
    public Release? Release { get; private set; }
    public GateKind Kind { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Days from T0: negative is before go-live (T-28 is -28).</summary>
    public int DueOffsetDays { get; private set; }

    /// <summary>The questionnaire template version that this gate's returns answer; null for gates without returns.</summary>
    public int? TemplateId { get; private set; }

    /// <summary>
    /// The workflow definition this gate runs (for a readiness gate: each area return's workflow). Null means the
    /// default for the gate kind from configuration.
    /// </summary>
    public string? WorkflowDefinitionId { get; private set; }

    /// <summary>Renames the gate, moves its offset from T0, or changes its workflow variant (null: the default for its kind).</summary>
    public void Edit(string name, int dueOffsetDays, string? workflowDefinitionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        DueOffsetDays = dueOffsetDays;
        WorkflowDefinitionId = string.IsNullOrWhiteSpace(workflowDefinitionId) ? null : workflowDefinitionId;
    }

    public DateOnly DueOn(DateOnly goLive) => goLive.AddDays(DueOffsetDays);

    /// <summary>"T-28" / "T0" / "T+28", as the PMO writes it.</summary>
    public static string FormatOffset(int days) => days switch
    {
        0 => "T0",
        < 0 => $"T{days}",
        _ => $"T+{days}",
    };
}
