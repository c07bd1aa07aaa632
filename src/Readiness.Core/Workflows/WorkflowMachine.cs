using Stateless;
using Stateless.Graph;

namespace Readiness.Core.Workflows;

/// <summary>
/// Builds a Stateless state machine over a definition and a stored state. Stateless decides which transitions a
/// trigger may take (with guard results computed beforehand, since guards read the database); the engine then
/// runs the entry actions and timers of the state it lands in.
/// </summary>
public static class WorkflowMachine
{
    /// <param name="guard">Result of a named guard; guards are evaluated before firing because they need I/O.</param>
    public static StateMachine<string, string> Build(WorkflowDefinition definition, string currentState, Func<string, bool> guard)
    {
        var state = currentState;
        var machine = new StateMachine<string, string>(() => state, s => state = s);
        foreach (var s in definition.States)
        {
            var config = machine.Configure(s.Name);
            foreach (var t in s.Exits)
            {
                var guardName = t.Guard;
                Func<bool> check = guardName is null ? () => true : () => guard(guardName);
                var description = guardName ?? "";
                if (t.Target == s.Name) config.PermitReentryIf(t.Trigger, check, description);
                else config.PermitIf(t.Trigger, t.Target, check, description);
            }
        }
        return machine;
    }

    /// <summary>The definition as a Mermaid state diagram (rendered in the browser by the locally served script).</summary>
    public static string Mermaid(WorkflowDefinition definition)
    {
        var machine = Build(definition, definition.InitialState, _ => true);
        return MermaidGraph.Format(machine.GetInfo(), MermaidGraphDirection.LeftToRight);
    }

    /// <summary>Where <paramref name="trigger"/> leads from <paramref name="from"/>, or null if the definition has no such transition.</summary>
    public static TransitionDefinition? Transition(WorkflowDefinition definition, string from, string trigger) =>
        definition.States.FirstOrDefault(s => s.Name == from)?.Exits.FirstOrDefault(t => t.Trigger == trigger);
}
