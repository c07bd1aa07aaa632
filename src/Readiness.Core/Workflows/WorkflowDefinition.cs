using System.Text.Json.Serialization;

namespace Readiness.Core.Workflows;

/// <summary>
/// A workflow definition as read from workflows/*.json: states, their entry actions and timers, and the
/// transitions out of each (trigger → target, optional guard, allowed roles). Guards and actions are names
/// bound to C# handlers; nothing in a definition is executable.
/// </summary>
public sealed record WorkflowDefinition(
    string Id,
    int Version,
    string Title,
    string SubjectKind,
    string InitialState,
    IReadOnlyList<StateDefinition> States,
    string? Description = null)
{
    public StateDefinition State(string name) =>
        States.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"Workflow {Id} v{Version} has no state '{name}'.");
}

public sealed record StateDefinition(
    string Name,
    string Title,
    IReadOnlyList<TransitionDefinition>? Transitions = null,
    IReadOnlyList<string>? OnEntry = null,
    IReadOnlyList<TimerDefinition>? Timers = null,
    bool Terminal = false)
{
    [JsonIgnore] public IReadOnlyList<TransitionDefinition> Exits => Transitions ?? [];
    [JsonIgnore] public IReadOnlyList<string> EntryActions => OnEntry ?? [];
    [JsonIgnore] public IReadOnlyList<TimerDefinition> StateTimers => Timers ?? [];
}

/// <summary>
/// A way out of a state. <see cref="Roles"/> lists who may fire it: "TeamLead", "BCM", "SRO", "PMO" or "System"
/// (timers and the runtime itself). An empty list means only the system.
/// </summary>
public sealed record TransitionDefinition(
    string Trigger,
    string Target,
    string? Guard = null,
    IReadOnlyList<string>? Roles = null,
    bool CommentRequired = false)
{
    /// <summary>No roles listed means only the system (timers, the runtime) may fire it.</summary>
    [JsonIgnore] public IReadOnlyList<string> AllowedRoles => Roles is { Count: > 0 } r ? r : [WorkflowRoles.System];
}

/// <summary>
/// A timer armed on entering a state and cancelled on leaving it. Exactly one of <see cref="After"/> (an ISO 8601
/// duration from entering the state, e.g. "P3D"), <see cref="AfterWorkingDays"/> (a timeout: working days from entering
/// the state, skipping weekends and bank holidays) or <see cref="At"/> (a day relative to go-live, e.g. "T+28") is set;
/// when due, it fires <see cref="Trigger"/>. A wait state's timeout is a timer whose trigger leads somewhere else
/// (e.g. a BCM review not decided after 5 working days escalates to the SRO).
/// </summary>
public sealed record TimerDefinition(string Name, string Trigger, string? After = null, string? At = null, int? AfterWorkingDays = null);

/// <summary>Well-known names used by the runtime.</summary>
public static class WorkflowRoles
{
    public const string System = "System";
}
