using Readiness.Core.Persistence;

namespace Readiness.Core.Workflows;

/// <summary>What a guard or action sees: the unit of work, the instance, and who or what fired the trigger.</summary>
public sealed class WorkflowContext(ReadinessDbContext db, WorkflowInstance instance, WorkflowDefinition definition, TriggerContext trigger)
{
    public ReadinessDbContext Db => db;
    public WorkflowInstance Instance => instance;
    public WorkflowDefinition Definition => definition;
    public TriggerContext Trigger => trigger;
}

/// <summary>Who fired a trigger and with what. A null actor is the system (a timer or the runtime).</summary>
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
    public bool IsSystem => ActorUserId is null;

    public static TriggerContext System(string trigger) => new(trigger, null, new HashSet<string> { WorkflowRoles.System }, Channel: Audit.AuditChannel.System);
}

/// <summary>An entry action named in a definition's "onEntry". Writes only through <see cref="WorkflowContext.Db"/>, inside the trigger's transaction.</summary>
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
