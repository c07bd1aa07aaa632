using System.Text.RegularExpressions;
using System.Xml;
using Readiness.Core.Identity;
using Readiness.Core.Workflows;

namespace Readiness.Infrastructure.Workflows;

/// <summary>
/// The meaning checks a schema cannot express: names resolve (states, guards, actions, roles), every state is
/// reachable, terminal states are dead ends and others are not, triggers are unambiguous, timers are well-formed
/// and may fire their trigger.
/// </summary>
internal static partial class WorkflowDefinitionValidator
{
    public static readonly IReadOnlyList<string> AllowedRoles = [.. Roles.All, WorkflowRoles.System];

    /// <summary>"T0", "T-7", "T+28": a day relative to go-live. Four digits is ample and keeps the number in range.</summary>
    [GeneratedRegex(@"^T(0|[+-][0-9]{1,4})$")]
    private static partial Regex AtPattern();

    public static void Validate(string file, WorkflowDefinition definition, IReadOnlySet<string> knownGuards, IReadOnlySet<string> knownActions,
        WorkflowProblems problems)
    {
        void Add(string path, string message) => problems.Add(file, path, message);

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definition.States.Count; i++)
        {
            var name = definition.States[i].Name;
            if (!index.TryAdd(name, i))
                Add($"$.states[{i}].name", $"state '{name}' is defined twice (first at $.states[{index[name]}]). Give each state its own name.");
        }
        var stateList = string.Join(", ", index.Keys);
        if (!index.ContainsKey(definition.InitialState))
            Add("$.initialState", $"initial state '{definition.InitialState}' is not a state of this workflow. Use one of: {stateList}.");

        for (var i = 0; i < definition.States.Count; i++)
        {
            var state = definition.States[i];
            var p = $"$.states[{i}]";
            CheckEntryActions(state, p, knownActions, Add);
            CheckTransitions(state, p, index, stateList, knownGuards, Add);
            CheckTimers(state, p, Add);
        }
        CheckReachable(definition, index, Add);
    }

    private static void CheckEntryActions(StateDefinition state, string p, IReadOnlySet<string> knownActions, Action<string, string> add)
    {
        for (var k = 0; k < state.EntryActions.Count; k++)
        {
            var action = state.EntryActions[k];
            if (!knownActions.Contains(action))
                add($"{p}.onEntry[{k}]", $"unknown action '{action}'. Known actions: {Known(knownActions)}. Correct the name or register an IWorkflowAction called '{action}'.");
        }
    }

    private static void CheckTransitions(StateDefinition state, string p, Dictionary<string, int> index, string stateList,
        IReadOnlySet<string> knownGuards, Action<string, string> add)
    {
        if (state.Terminal && state.Exits.Count > 0)
            add($"{p}.transitions", $"state '{state.Name}' is terminal, so it cannot have transitions. Remove them, or remove \"terminal\": true.");
        if (!state.Terminal && state.Exits.Count == 0)
            add(p, $"state '{state.Name}' has no transitions, so an instance would be stuck there. Add a transition, or mark it \"terminal\": true.");

        var triggers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < state.Exits.Count; j++)
        {
            var t = state.Exits[j];
            var tp = $"{p}.transitions[{j}]";
            if (!triggers.TryAdd(t.Trigger, j))
                add($"{tp}.trigger", $"trigger '{t.Trigger}' is used twice in state '{state.Name}' (first at {p}.transitions[{triggers[t.Trigger]}]). A trigger may lead out of a state only once; rename one of them.");
            if (!index.ContainsKey(t.Target))
                add($"{tp}.target", $"unknown target state '{t.Target}'. Use one of: {stateList}.");
            if (t.Guard is { } guard && !knownGuards.Contains(guard))
                add($"{tp}.guard", $"unknown guard '{guard}'. Known guards: {Known(knownGuards)}. Correct the name or register an IWorkflowGuard called '{guard}'.");
            for (var k = 0; k < t.AllowedRoles.Count; k++)
                if (!AllowedRoles.Contains(t.AllowedRoles[k], StringComparer.Ordinal))
                    add($"{tp}.roles[{k}]", $"unknown role '{t.AllowedRoles[k]}'. Use one of: {string.Join(", ", AllowedRoles)}.");
        }
    }

    private static void CheckTimers(StateDefinition state, string p, Action<string, string> add)
    {
        if (state.Terminal && state.StateTimers.Count > 0)
            add($"{p}.timers", $"state '{state.Name}' is terminal, so a timer there could never fire a transition. Remove the timers.");

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < state.StateTimers.Count; j++)
        {
            var timer = state.StateTimers[j];
            var tp = $"{p}.timers[{j}]";
            if (!names.Add(timer.Name))
                add($"{tp}.name", $"timer '{timer.Name}' is defined twice in state '{state.Name}'. Give each timer its own name.");
            var given = new[] { ("after", timer.After is not null), ("afterWorkingDays", timer.AfterWorkingDays is not null), ("at", timer.At is not null) }
                .Where(g => g.Item2).Select(g => $"\"{g.Item1}\"").ToList();
            const string Choice = "Give exactly one: \"after\" (a duration from entering the state, e.g. \"P3D\"), \"afterWorkingDays\" (a timeout in working days, e.g. 5) or \"at\" (a day relative to go-live, e.g. \"T-7\").";
            if (given.Count > 1)
                add(tp, $"timer '{timer.Name}' has both {string.Join(" and ", given)}. {Choice}");
            else if (given.Count == 0)
                add(tp, $"timer '{timer.Name}' has none of \"after\", \"afterWorkingDays\" and \"at\". {Choice}");
            if (timer.AfterWorkingDays is < 1 or > 60)
                add($"{tp}.afterWorkingDays", $"{timer.AfterWorkingDays} is not a number of working days from 1 to 60.");
            if (timer.After is { } after) CheckDuration(after, $"{tp}.after", add);
            if (timer.At is { } at && !AtPattern().IsMatch(at))
                add($"{tp}.at", $"'{at}' is not a day relative to go-live. Use 'T0' (go-live day), 'T-7' (a week before) or 'T+28' (four weeks after).");

            var exit = state.Exits.FirstOrDefault(t => t.Trigger == timer.Trigger);
            if (exit is null)
                add($"{tp}.trigger", $"timer '{timer.Name}' fires '{timer.Trigger}', but state '{state.Name}' has no transition with that trigger. Use one of: {Known(state.Exits.Select(t => t.Trigger))}, or add the transition.");
            // An empty role list means "only the system", so it allows timers too.
            else if (exit.AllowedRoles.Count > 0 && !exit.AllowedRoles.Contains(WorkflowRoles.System, StringComparer.Ordinal))
                add($"{tp}.trigger", $"timer '{timer.Name}' fires '{timer.Trigger}', but that transition does not allow the role System, so no timer may fire it. Add \"System\" to its roles.");
        }
    }

    private static void CheckDuration(string after, string path, Action<string, string> add)
    {
        TimeSpan span;
        try
        {
            span = XmlConvert.ToTimeSpan(after);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            add(path, $"'{after}' is not an ISO 8601 duration. Use e.g. 'P3D' (three days), 'PT12H' (twelve hours) or 'P1DT6H'.");
            return;
        }
        if (span <= TimeSpan.Zero)
            add(path, $"'{after}' is not longer than zero, so the timer would fire at once. Use a positive duration such as 'P3D'.");
    }

    private static void CheckReachable(WorkflowDefinition definition, Dictionary<string, int> index, Action<string, string> add)
    {
        if (!index.ContainsKey(definition.InitialState)) return; // already reported; nothing to walk from
        var reached = new HashSet<string>(StringComparer.Ordinal) { definition.InitialState };
        var queue = new Queue<string>([definition.InitialState]);
        while (queue.TryDequeue(out var name))
            foreach (var t in definition.States[index[name]].Exits)
                if (index.ContainsKey(t.Target) && reached.Add(t.Target)) queue.Enqueue(t.Target);

        foreach (var (name, i) in index.Where(e => !reached.Contains(e.Key)))
            add($"$.states[{i}]", $"state '{name}' cannot be reached from the initial state '{definition.InitialState}'. Add a transition into it, or remove it.");
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }
}
