using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Core.Workflows;

/// <summary>One transition as shown on the timeline; names are display names (null when the system acted).</summary>
public sealed record JournalLine(long Id, string FromState, string ToState, string FromTitle, string ToTitle, string Trigger,
    string? Actor, string? OnBehalfOf, string Comment, DateTime AtUtc);

public sealed record PendingTimer(string Name, string Trigger, DateTime DueAtUtc);

/// <summary>One workflow instance of a release: where it is now, what is due, and every transition, newest first.</summary>
public sealed record WorkflowView(
    int InstanceId, string SubjectKind, int SubjectId, string SubjectLabel, int SnapshotId, string DefinitionId, int DefinitionVersion,
    string Title, string State, string StateTitle, WorkflowStatus Status, DateTime StartedAtUtc,
    IReadOnlyList<PendingTimer> Timers, IReadOnlyList<JournalLine> Journal, string? AreaName = null)
{
    /// <summary>What the workflow is about, as a sentence names it: "the Custody return", "the Go / no-go gate".</summary>
    public string Subject => SubjectKind == SubjectKinds.Gate || AreaName is null ? $"the {SubjectLabel} gate" : $"the {AreaName} return";

    /// <summary>A journal line as a sentence: "Simon Fairweather approved the Custody return".</summary>
    public string Sentence(JournalLine line) => Audit.ActivityWords.Transition(line.Trigger, line.Actor, Subject, line.OnBehalfOf);
}

public sealed record DiagramState(string Name, string Title, bool Initial, bool Terminal);

public sealed record DiagramTransition(string From, string Trigger, string To);

/// <summary>A definition as a Mermaid state diagram, with its states and transitions listed for a text alternative.</summary>
public sealed record WorkflowDiagram(int SnapshotId, string DefinitionId, int Version, string Title, string Mermaid,
    IReadOnlyList<DiagramState> States, IReadOnlyList<DiagramTransition> Transitions);

public sealed record ReleaseWorkflows(IReadOnlyList<WorkflowView> Instances, IReadOnlyDictionary<int, WorkflowDiagram> Diagrams)
{
    public WorkflowDiagram DiagramOf(WorkflowView view) => Diagrams[view.SnapshotId];

    /// <summary>The instance's diagram with its current state highlighted (a Mermaid class appended to the text).</summary>
    public string HighlightedMermaid(WorkflowView view) => WorkflowJournalQueries.Highlight(DiagramOf(view).Mermaid, view.State);
}

/// <summary>
/// Read model for the release page: every workflow instance of a release (its area returns and its gates) with
/// its journal, pending timers and state diagram. A fixed number of queries, whatever the number of instances.
/// </summary>
public sealed class WorkflowJournalQueries(ReadinessDbContext db, WorkflowCatalog catalog)
{
    public const string CurrentClass = "classDef current fill:#ffdd00,stroke:#0b0c0c,stroke-width:3px";

    public async Task<ReleaseWorkflows> ForReleaseAsync(int releaseId, CancellationToken ct)
    {
        var returns = await (from a in db.Assessments
                             join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                             join g in db.Gates on a.GateId equals g.Id
                             where a.ReleaseId == releaseId
                             select new { a.Id, Area = area.Name, Label = area.Name + " – " + g.Name }).AsNoTracking().ToDictionaryAsync(x => x.Id, ct);
        var gates = await db.Gates.AsNoTracking().Where(g => g.ReleaseId == releaseId).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var returnIds = returns.Keys.ToList();
        var gateIds = gates.Keys.ToList();

        var instances = await db.WorkflowInstances.AsNoTracking()
            .Where(i => (i.SubjectKind == SubjectKinds.AreaReturn && returnIds.Contains(i.SubjectId)) || (i.SubjectKind == SubjectKinds.Gate && gateIds.Contains(i.SubjectId)))
            .Select(i => new { i.Id, i.SubjectKind, i.SubjectId, i.SnapshotId, i.DefinitionId, i.DefinitionVersion, i.State, i.Status, i.CreatedAtUtc })
            .ToListAsync(ct);
        if (instances.Count == 0) return new ReleaseWorkflows([], new Dictionary<int, WorkflowDiagram>());
        var instanceIds = instances.Select(i => i.Id).ToList();

        var journal = await db.WorkflowJournal.AsNoTracking().Where(j => instanceIds.Contains(j.InstanceId))
            .Select(j => new { j.Id, j.InstanceId, j.FromState, j.ToState, j.Trigger, j.ActorUserId, j.OnBehalfOfUserId, j.Comment, j.AtUtc })
            .ToListAsync(ct);
        var timers = await db.WorkflowTimers.AsNoTracking()
            .Where(t => instanceIds.Contains(t.InstanceId) && t.FiredAtUtc == null && t.CancelledAtUtc == null)
            .Select(t => new { t.InstanceId, t.Name, t.Trigger, t.DueAtUtc })
            .ToListAsync(ct);
        var userIds = journal.Select(j => j.ActorUserId).Concat(journal.Select(j => j.OnBehalfOfUserId)).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Name(string? id) => id is null ? null : names.GetValueOrDefault(id, "(unknown user)");

        var definitions = new Dictionary<int, WorkflowDefinition>();
        foreach (var snapshotId in instances.Select(i => i.SnapshotId).Distinct())
            definitions[snapshotId] = await catalog.ForSnapshotAsync(db, snapshotId, ct);

        var journalByInstance = journal.ToLookup(j => j.InstanceId);
        var timersByInstance = timers.ToLookup(t => t.InstanceId);
        var views = instances
            .Select(i =>
            {
                var definition = definitions[i.SnapshotId];
                string Title(string state) => definition.States.FirstOrDefault(s => s.Name == state)?.Title ?? state;
                var label = i.SubjectKind == SubjectKinds.Gate ? gates[i.SubjectId] : returns[i.SubjectId].Label;
                var lines = journalByInstance[i.Id].OrderByDescending(j => j.AtUtc).ThenByDescending(j => j.Id)
                    .Select(j => new JournalLine(j.Id, j.FromState, j.ToState, Title(j.FromState), Title(j.ToState), j.Trigger,
                        Name(j.ActorUserId), Name(j.OnBehalfOfUserId), j.Comment, j.AtUtc))
                    .ToList();
                var due = timersByInstance[i.Id].OrderBy(t => t.DueAtUtc).Select(t => new PendingTimer(t.Name, t.Trigger, t.DueAtUtc)).ToList();
                return new WorkflowView(i.Id, i.SubjectKind, i.SubjectId, label, i.SnapshotId, definition.Id, definition.Version, definition.Title,
                    i.State, Title(i.State), i.Status, i.CreatedAtUtc, due, lines, i.SubjectKind == SubjectKinds.Gate ? null : returns[i.SubjectId].Area);
            })
            // The gates first (the go / no-go is what the release turns on), then the areas' returns by name.
            .OrderBy(v => v.SubjectKind == SubjectKinds.Gate ? 0 : 1).ThenBy(v => v.SubjectLabel, StringComparer.CurrentCulture)
            .ToList();
        var diagrams = definitions.ToDictionary(d => d.Key, d => Diagram(d.Key, d.Value));
        return new ReleaseWorkflows(views, diagrams);
    }

    public static WorkflowDiagram Diagram(int snapshotId, WorkflowDefinition definition) => new(
        snapshotId, definition.Id, definition.Version, definition.Title, Tidy(WorkflowMachine.Mermaid(definition), definition),
        definition.States.Select(s => new DiagramState(s.Name, s.Title, s.Name == definition.InitialState, s.Terminal)).ToList(),
        definition.States.SelectMany(s => s.Exits.Select(t => new DiagramTransition(s.Name, t.Trigger, t.Target))).ToList());

    /// <summary>
    /// Stateless labels unguarded transitions "trigger []" and draws no end markers: drop the empty brackets and
    /// mark each terminal state as an end, so the picture reads like the definition.
    /// </summary>
    private static string Tidy(string mermaid, WorkflowDefinition definition)
    {
        var lines = mermaid.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n')
            .Select(l => l.EndsWith(" []", StringComparison.Ordinal) ? l[..^3] : l)
            .Concat(definition.States.Where(s => s.Terminal).Select(s => $"\t{s.Name} --> [*]"));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>Appends a Mermaid class that highlights <paramref name="state"/> (state names are identifiers checked at load).</summary>
    public static string Highlight(string mermaid, string state) =>
        $"{mermaid.TrimEnd()}\n\t{CurrentClass}\n\tclass {state} current\n";
}
