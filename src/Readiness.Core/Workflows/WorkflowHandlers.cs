using Readiness.Core.Persistence;

namespace Readiness.Core.Workflows;

/// <summary>A trigger an entry action asks for on another workflow; the engine fires it after the current transition.</summary>
/// <param name="DefinitionId">The definition to start the subject's instance on if it has none yet.</param>
public sealed record RaisedTrigger(string SubjectKind, int SubjectId, string Trigger, string DefinitionId);

/// <summary>What a guard or action sees: the unit of work, the instance, and who or what fired the trigger with what.</summary>
public sealed class WorkflowContext(ReadinessDbContext db, WorkflowInstance instance, WorkflowDefinition definition, TriggerContext trigger, Queue<RaisedTrigger> raised)
{
    public ReadinessDbContext Db => db;
    public WorkflowInstance Instance => instance;
    public WorkflowDefinition Definition => definition;
    public TriggerContext Trigger => trigger;

    /// <summary>
    /// Asks for <paramref name="trigger"/> on another subject's workflow (e.g. an approved return moving its release's
    /// gate on). It is fired after this transition completes, in the same unit of work, as the system; if that workflow
    /// cannot take it in its current state (no such transition, or a guard says not yet), nothing happens.
    /// </summary>
    public void Raise(string subjectKind, int subjectId, string trigger, string definitionId) =>
        raised.Enqueue(new RaisedTrigger(subjectKind, subjectId, trigger, definitionId));
}

/// <summary>
/// Who fired a trigger and with what. A null actor is the system (a timer or the runtime). <see cref="ActorRoles"/>
/// are the actor's real roles; <see cref="Authority"/>, when set, is the explicit grant under which they act (e.g.
/// the approval request they are deciding), checked by an <see cref="IWorkflowAuthority"/> instead of the roles.
/// <see cref="Payload"/> carries what the trigger is about (e.g. the decision with its conditions) to the entry actions.
/// </summary>
public sealed record TriggerContext(
    string Trigger,
    string? ActorUserId,
    IReadOnlySet<string> ActorRoles,
    string? OnBehalfOfUserId = null,
    string Comment = "",
    Audit.AuditChannel Channel = Audit.AuditChannel.Web,
    string? IpAddress = null,
    string? UserAgent = null)
{
    public TriggerAuthority? Authority { get; init; }
    public object? Payload { get; init; }

    public bool IsSystem => ActorUserId is null;

    public T? PayloadAs<T>() where T : class => Payload as T;

    public static TriggerContext System(string trigger) => new(trigger, null, new HashSet<string> { WorkflowRoles.System }, Channel: Audit.AuditChannel.System);
}

/// <summary>An explicit grant to fire a trigger, e.g. "acting on approval request 12 (as delegate of Jane Smith)".</summary>
public sealed record TriggerAuthority(string Kind, int Id, string Words);

/// <summary>Checks an explicit <see cref="TriggerAuthority"/>: true when it really entitles the actor to this transition now.</summary>
public interface IWorkflowAuthority
{
    string Kind { get; }

    Task<bool> AllowsAsync(WorkflowContext context, TransitionDefinition transition, CancellationToken ct);
}

/// <summary>An entry action named in a definition's "onEntry". Writes only through <see cref="WorkflowContext.Db"/>, inside the trigger's unit of work; never saves.</summary>
public interface IWorkflowAction
{
    string Name { get; }
    Task RunAsync(WorkflowContext context, CancellationToken ct);
}

/// <summary>A guard named in a transition's "guard". Reads only; must not change anything.</summary>
public interface IWorkflowGuard
{
    string Name { get; }

    /// <summary>Said to the person when the guard blocks their trigger, e.g. "Go is blocked: 2 pre-go-live conditions are open."</summary>
    string Explanation { get; }

    Task<bool> CheckAsync(WorkflowContext context, CancellationToken ct);
}

/// <summary>The handler names the standard definitions use; the loader checks every name in a file against the registered handlers.</summary>
public static class HandlerNames
{
    public const string RequestBcmApproval = "RequestBcmApproval";
    public const string RequestSecondApproval = "RequestSecondApproval";
    public const string RequestEscalatedApproval = "RequestEscalatedApproval";
    public const string MarkReturnApproved = "MarkReturnApproved";
    public const string MarkReturnReturned = "MarkReturnReturned";
    public const string NotifyReturned = "NotifyReturned";
    public const string CheckGateReady = "CheckGateReady";
    public const string RequestSroDecision = "RequestSroDecision";
    public const string NotifyDecision = "NotifyDecision";
    public const string MarkReleaseLive = "MarkReleaseLive";

    public const string AllReturnsApproved = "AllReturnsApproved";
    public const string PreGoLiveConditionsMet = "PreGoLiveConditionsMet";
}
