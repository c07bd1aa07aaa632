using System.Globalization;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Reminders;

namespace Readiness.Core.Workflows;

public sealed record FireOutcome(string From, string To);

/// <summary>
/// Fires triggers on workflow instances inside the caller's <see cref="UnitOfWork"/>: it changes the instance state,
/// cancels and arms timers, writes the journal and audit rows and runs the entry actions, but never saves — the unit
/// of work's single commit writes the domain change and the workflow state together, or neither. Triggers that entry
/// actions raise on other workflows are queued and fired after the transition that raised them, in order, in the same
/// unit of work (Stateless's queued firing is the model): the engine is never re-entered.
/// </summary>
public sealed class WorkflowEngine(
    ReadinessDbContext db,
    UnitOfWork unitOfWork,
    WorkflowCatalog catalog,
    IEnumerable<IWorkflowAction> actions,
    IEnumerable<IWorkflowGuard> guards,
    IEnumerable<IWorkflowAuthority> authorities,
    AuditLog audit,
    ReadinessClock clock,
    WorkingCalendar calendar)
{
    /// <summary>Queued triggers one firing may cause before the engine decides it is a loop and records an incident.</summary>
    public const int MaxQueuedTriggers = 25;
    public const string LoopIncidentKind = "WorkflowLoop";

    private readonly Dictionary<string, IWorkflowAction> _actions = actions.ToDictionary(a => a.Name);
    private readonly Dictionary<string, IWorkflowGuard> _guards = guards.ToDictionary(g => g.Name);
    private readonly Dictionary<string, IWorkflowAuthority> _authorities = authorities.ToDictionary(a => a.Kind);

    public async Task<WorkflowInstance?> FindAsync(string subjectKind, int subjectId, CancellationToken ct) =>
        db.WorkflowInstances.Local.FirstOrDefault(i => i.SubjectKind == subjectKind && i.SubjectId == subjectId)
        ?? await db.WorkflowInstances.FirstOrDefaultAsync(i => i.SubjectKind == subjectKind && i.SubjectId == subjectId, ct);

    /// <summary>
    /// The subject's instance, started on the newest version of <paramref name="definitionId"/> if it has none yet. A new
    /// instance is only tracked: rows that point at it (journal, timers, requests) do so by navigation until the commit.
    /// </summary>
    public async Task<WorkflowInstance> EnsureStartedAsync(string definitionId, string subjectKind, int subjectId, CancellationToken ct)
    {
        if (await FindAsync(subjectKind, subjectId, ct) is { } existing) return existing;
        var (snapshotId, definition) = await catalog.LatestAsync(db, definitionId, ct);
        var instance = new WorkflowInstance(snapshotId, definition.Id, definition.Version, subjectKind, subjectId, definition.InitialState, clock.UtcNow);
        db.WorkflowInstances.Add(instance);
        return instance;
    }

    public Task<WorkflowDefinition> DefinitionOfAsync(WorkflowInstance instance, CancellationToken ct) => catalog.ForSnapshotAsync(db, instance.SnapshotId, ct);

    /// <summary>Fires <paramref name="trigger"/>, then every trigger its entry actions raised (and those raise), in order.</summary>
    public async Task<Result<FireOutcome>> FireAsync(WorkflowInstance instance, TriggerContext trigger, CancellationToken ct)
    {
        if (!unitOfWork.IsActive) throw new InvalidOperationException("The workflow engine runs only inside a unit of work (UnitOfWork.RunAsync).");
        var queue = new Queue<RaisedTrigger>();
        var fired = await FireOneAsync(instance, trigger, queue, ct);
        if (fired.Succeeded) await DrainAsync(instance, queue, ct);
        return fired;
    }

    /// <summary>
    /// Runs a state's entry actions again while the instance is still in it (the PMO retrying an incident, e.g. after
    /// assigning the BCM nobody could be asked before). Not a transition: no journal row, timers untouched.
    /// </summary>
    public async Task<Result<bool>> RerunEntryActionsAsync(WorkflowInstance instance, string state, CancellationToken ct)
    {
        if (!unitOfWork.IsActive) throw new InvalidOperationException("The workflow engine runs only inside a unit of work (UnitOfWork.RunAsync).");
        if (instance.State != state)
            return Failures.Conflict($"The workflow has moved on from {state} (it is now {instance.State}), so there is nothing to retry.");
        var definition = await DefinitionOfAsync(instance, ct);
        var queue = new Queue<RaisedTrigger>();
        var context = new WorkflowContext(db, instance, definition, TriggerContext.System("retry"), queue);
        foreach (var name in definition.State(state).EntryActions)
            await _actions[name].RunAsync(context, ct);
        await DrainAsync(instance, queue, ct);
        return Result<bool>.Ok(true);
    }

    private async Task DrainAsync(WorkflowInstance origin, Queue<RaisedTrigger> queue, CancellationToken ct)
    {
        var count = 0;
        while (queue.TryDequeue(out var raised))
        {
            if (++count > MaxQueuedTriggers)
            {
                db.Incidents.Add(new Incident(LoopIncidentKind, $"Workflow {origin.DefinitionId} on {origin.SubjectKind} {origin.SubjectId}",
                    $"More than {MaxQueuedTriggers} follow-on triggers in one step (the last was '{raised.Trigger}' on {raised.SubjectKind} {raised.SubjectId}); "
                    + "the rest were not fired. Check the workflow definitions for a loop.", clock.UtcNow, origin));
                queue.Clear();
                return;
            }
            var target = await EnsureStartedAsync(raised.DefinitionId, raised.SubjectKind, raised.SubjectId, ct);
            var definition = await DefinitionOfAsync(target, ct);
            // A workflow that cannot take the trigger in its current state simply is not there yet (or is past it).
            if (WorkflowMachine.Transition(definition, target.State, raised.Trigger) is null) continue;
            await FireOneAsync(target, TriggerContext.System(raised.Trigger), queue, ct);
        }
    }

    private async Task<Result<FireOutcome>> FireOneAsync(WorkflowInstance instance, TriggerContext trigger, Queue<RaisedTrigger> queue, CancellationToken ct)
    {
        var definition = await DefinitionOfAsync(instance, ct);
        var from = instance.State;
        var transition = WorkflowMachine.Transition(definition, from, trigger.Trigger);
        if (transition is null)
            return Failures.Conflict($"'{trigger.Trigger}' is not possible while this is '{definition.State(from).Title}'.");
        var context = new WorkflowContext(db, instance, definition, trigger, queue);
        if (!await IsAllowedAsync(context, transition, ct))
            return Failures.Forbidden($"Only {string.Join(" or ", transition.AllowedRoles)} can do '{trigger.Trigger}' here.");
        if (transition.CommentRequired && string.IsNullOrWhiteSpace(trigger.Comment))
            return Failures.Invalid("Comment", "Add a comment: it is required for this decision.");

        var guardResults = new Dictionary<string, bool>();
        foreach (var name in definition.State(from).Exits.Select(t => t.Guard).OfType<string>().Distinct())
            guardResults[name] = await _guards[name].CheckAsync(context, ct);
        var machine = WorkflowMachine.Build(definition, from, name => guardResults[name]);
        if (!machine.CanFire(trigger.Trigger))
            return Failures.Conflict(transition.Guard is { } g ? _guards[g].Explanation : $"'{trigger.Trigger}' is not possible now.");

        machine.Fire(trigger.Trigger);
        var to = machine.State;
        var now = clock.UtcNow;
        await CancelTimersAsync(instance, now, ct);
        var target = definition.State(to);
        instance.MoveTo(to, target.Terminal, now);
        db.WorkflowJournal.Add(new WorkflowJournalEntry(instance, from, to, trigger.Trigger, trigger.ActorUserId, trigger.OnBehalfOfUserId, trigger.Comment, now));
        var authority = trigger.Authority is { } a ? $" ({a.Words})" : "";
        audit.Append(() => new AuditRecord(now, trigger.ActorUserId, trigger.OnBehalfOfUserId, $"workflow.{trigger.Trigger}",
            instance.SubjectKind, instance.SubjectId.ToString(CultureInfo.InvariantCulture), trigger.Channel, trigger.IpAddress, trigger.UserAgent,
            $"{definition.Id} v{definition.Version}: {from} → {to}{authority}{(trigger.Comment.Length > 0 ? $" — “{trigger.Comment}”" : "")}"));
        await ArmTimersAsync(instance, target, now, ct);
        foreach (var name in target.EntryActions)
            await _actions[name].RunAsync(context, ct);
        return Result<FireOutcome>.Ok(new FireOutcome(from, to));
    }

    /// <summary>The actor's real roles, or an explicit authority that its checker confirms — never roles taken from the transition.</summary>
    private async Task<bool> IsAllowedAsync(WorkflowContext context, TransitionDefinition transition, CancellationToken ct)
    {
        if (context.Trigger.Authority is { } authority)
            return _authorities.TryGetValue(authority.Kind, out var checker) && await checker.AllowsAsync(context, transition, ct);
        return transition.AllowedRoles.Any(context.Trigger.ActorRoles.Contains);
    }

    private async Task CancelTimersAsync(WorkflowInstance instance, DateTime now, CancellationToken ct)
    {
        var pending = instance.Id == 0 ? [] : await db.WorkflowTimers.Where(t => t.InstanceId == instance.Id && t.FiredAtUtc == null && t.CancelledAtUtc == null).ToListAsync(ct);
        foreach (var t in pending.Concat(db.WorkflowTimers.Local.Where(t => t.IsFor(instance) && t.IsPending)).Distinct())
            t.Cancel(now);
    }

    private async Task ArmTimersAsync(WorkflowInstance instance, StateDefinition state, DateTime now, CancellationToken ct)
    {
        foreach (var timer in state.StateTimers)
            db.WorkflowTimers.Add(new WorkflowTimer(instance, state.Name, timer.Name, timer.Trigger, await DueAtAsync(instance, state, timer, now, ct)));
    }

    private async Task<DateTime> DueAtAsync(WorkflowInstance instance, StateDefinition state, TimerDefinition timer, DateTime now, CancellationToken ct)
    {
        if (timer.After is { } after) return now + XmlConvert.ToTimeSpan(after);
        if (timer.AfterWorkingDays is { } days)
        {
            // "Not decided after N working days": the same time of day, N working days on, where people work.
            var local = clock.ToLocal(now);
            var day = calendar.AddWorkingDays(DateOnly.FromDateTime(local), days);
            return ToUtc(day.ToDateTime(TimeOnly.FromDateTime(local), DateTimeKind.Unspecified));
        }
        if (!AnswerRules.TryParseOffset(timer.At, out var offset))
            throw new InvalidOperationException($"Timer '{timer.Name}' of {state.Name} has an invalid 'at' ({timer.At}); the loader should have refused it.");
        var goLive = await GoLiveOfAsync(instance, ct);
        // "At T+n" means the start of that day where people work, not midnight UTC.
        return ToUtc(goLive.AddDays(offset).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified));
    }

    private DateTime ToUtc(DateTime local)
    {
        while (clock.Zone.IsInvalidTime(local)) local = local.AddMinutes(30); // a clock change skipped that time
        return TimeZoneInfo.ConvertTimeToUtc(local, clock.Zone);
    }

    /// <summary>The go-live date (T0) of the release the instance's subject belongs to.</summary>
    public async Task<DateOnly> GoLiveOfAsync(WorkflowInstance instance, CancellationToken ct) => instance.SubjectKind switch
    {
        SubjectKinds.Gate => await db.Gates.Where(g => g.Id == instance.SubjectId).Select(g => g.Release!.GoLive).SingleAsync(ct),
        _ => await (from a in db.Assessments join r in db.Releases on a.ReleaseId equals r.Id where a.Id == instance.SubjectId select r.GoLive).SingleAsync(ct),
    };
}
