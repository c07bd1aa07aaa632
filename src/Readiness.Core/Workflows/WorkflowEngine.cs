using System.Globalization;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Workflows;

public sealed record FireOutcome(string From, string To);

/// <summary>
/// Fires triggers on workflow instances inside the caller's unit of work: it changes the instance state, cancels
/// and arms timers, writes the journal and audit rows and runs the entry actions, but never saves. The caller's
/// single SaveChanges commits the domain change and the workflow state together, or neither.
/// </summary>
public sealed class WorkflowEngine(
    ReadinessDbContext db,
    WorkflowCatalog catalog,
    IEnumerable<IWorkflowAction> actions,
    IEnumerable<IWorkflowGuard> guards,
    AuditLog audit,
    ReadinessClock clock)
{
    private readonly Dictionary<string, IWorkflowAction> _actions = actions.ToDictionary(a => a.Name);
    private readonly Dictionary<string, IWorkflowGuard> _guards = guards.ToDictionary(g => g.Name);

    public Task<WorkflowInstance?> FindAsync(string subjectKind, int subjectId, CancellationToken ct) =>
        db.WorkflowInstances.FirstOrDefaultAsync(i => i.SubjectKind == subjectKind && i.SubjectId == subjectId, ct);

    /// <summary>The subject's instance, started on the newest version of <paramref name="definitionId"/> if it has none yet.</summary>
    public async Task<WorkflowInstance> EnsureStartedAsync(string definitionId, string subjectKind, int subjectId, CancellationToken ct)
    {
        var existing = await FindAsync(subjectKind, subjectId, ct)
            ?? db.WorkflowInstances.Local.FirstOrDefault(i => i.SubjectKind == subjectKind && i.SubjectId == subjectId);
        if (existing is not null) return existing;
        var (snapshotId, definition) = await catalog.LatestAsync(db, definitionId, ct);
        var instance = new WorkflowInstance(snapshotId, definition.Id, definition.Version, subjectKind, subjectId, definition.InitialState, clock.UtcNow);
        db.WorkflowInstances.Add(instance);
        // The id is needed by journal, timer and approval rows written in the same unit of work.
        await db.SaveChangesAsync(ct);
        return instance;
    }

    public Task<WorkflowDefinition> DefinitionOfAsync(WorkflowInstance instance, CancellationToken ct) => catalog.ForSnapshotAsync(db, instance.SnapshotId, ct);

    public async Task<Result<FireOutcome>> FireAsync(WorkflowInstance instance, TriggerContext trigger, CancellationToken ct)
    {
        var definition = await DefinitionOfAsync(instance, ct);
        var from = instance.State;
        var transition = WorkflowMachine.Transition(definition, from, trigger.Trigger);
        if (transition is null)
            return Result<FireOutcome>.Fail(FailureKind.Conflict, $"'{trigger.Trigger}' is not possible while this is '{definition.State(from).Title}'.");
        if (!transition.AllowedRoles.Any(trigger.ActorRoles.Contains))
            return Result<FireOutcome>.Fail(FailureKind.Forbidden, $"Only {string.Join(" or ", transition.AllowedRoles)} can do '{trigger.Trigger}' here.");
        if (transition.CommentRequired && string.IsNullOrWhiteSpace(trigger.Comment))
            return Result<FireOutcome>.Fail(FailureKind.Invalid, "Add a comment: it is required for this decision.");

        var context = new WorkflowContext(db, instance, definition, trigger);
        var guardResults = new Dictionary<string, bool>();
        foreach (var name in definition.State(from).Exits.Select(t => t.Guard).OfType<string>().Distinct())
            guardResults[name] = await _guards[name].CheckAsync(context, ct);
        var machine = WorkflowMachine.Build(definition, from, name => guardResults[name]);
        if (!machine.CanFire(trigger.Trigger))
            return Result<FireOutcome>.Fail(FailureKind.Conflict, transition.Guard is { } g ? _guards[g].Explanation : $"'{trigger.Trigger}' is not possible now.");

        machine.Fire(trigger.Trigger);
        var to = machine.State;
        var now = clock.UtcNow;
        await CancelTimersAsync(instance.Id, now, ct);
        var target = definition.State(to);
        instance.MoveTo(to, target.Terminal, now);
        db.WorkflowJournal.Add(new WorkflowJournalEntry(instance.Id, from, to, trigger.Trigger, trigger.ActorUserId, trigger.OnBehalfOfUserId, trigger.Comment, now));
        await audit.AppendAsync(new AuditRecord(now, trigger.ActorUserId, trigger.OnBehalfOfUserId, $"workflow.{trigger.Trigger}",
            instance.SubjectKind, instance.SubjectId.ToString(CultureInfo.InvariantCulture), trigger.Channel, trigger.IpAddress, trigger.UserAgent,
            $"{definition.Id} v{definition.Version}: {from} → {to}{(trigger.Comment.Length > 0 ? $" — “{trigger.Comment}”" : "")}"), ct);
        await ArmTimersAsync(instance, target, now, ct);
        foreach (var name in target.EntryActions)
            await _actions[name].RunAsync(context, ct);
        return Result<FireOutcome>.Ok(new FireOutcome(from, to));
    }

    private async Task CancelTimersAsync(int instanceId, DateTime now, CancellationToken ct)
    {
        var pending = await db.WorkflowTimers.Where(t => t.InstanceId == instanceId && t.FiredAtUtc == null && t.CancelledAtUtc == null).ToListAsync(ct);
        foreach (var t in pending.Concat(db.WorkflowTimers.Local.Where(t => t.InstanceId == instanceId && t.IsPending)).Distinct())
            t.Cancel(now);
    }

    private async Task ArmTimersAsync(WorkflowInstance instance, StateDefinition state, DateTime now, CancellationToken ct)
    {
        foreach (var timer in state.StateTimers)
        {
            DateTime due;
            if (timer.After is { } after) due = now + XmlConvert.ToTimeSpan(after);
            else
            {
                if (!AnswerRules.TryParseOffset(timer.At, out var days))
                    throw new InvalidOperationException($"Timer '{timer.Name}' of {state.Name} has an invalid 'at' ({timer.At}); the loader should have refused it.");
                var goLive = await GoLiveOfAsync(instance, ct);
                // "At T+n" means the start of that day where people work, not midnight UTC.
                var localMidnight = goLive.AddDays(days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
                due = TimeZoneInfo.ConvertTimeToUtc(localMidnight, clock.Zone);
            }
            db.WorkflowTimers.Add(new WorkflowTimer(instance.Id, state.Name, timer.Name, timer.Trigger, due));
        }
    }

    /// <summary>The go-live date (T0) of the release the instance's subject belongs to.</summary>
    public async Task<DateOnly> GoLiveOfAsync(WorkflowInstance instance, CancellationToken ct) => instance.SubjectKind switch
    {
        SubjectKinds.Gate => await db.Gates.Where(g => g.Id == instance.SubjectId).Select(g => g.Release!.GoLive).SingleAsync(ct),
        _ => await (from a in db.Assessments join r in db.Releases on a.ReleaseId equals r.Id where a.Id == instance.SubjectId select r.GoLive).SingleAsync(ct),
    };
}
