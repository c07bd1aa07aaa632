namespace Readiness.Infrastructure.Tests.Workflows;

/// <summary>One broken definition per rule: each must be refused with the file, the JSON path and the problem.</summary>
public sealed class WorkflowDefinitionRuleTests : IDisposable
{
    private readonly WorkflowFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Done = MiniDefinition.Done;

    private static string Mini(string states, string id = "mini", string initial = "Start") => MiniDefinition.Json(states, id, initial);

    private string Refused(string states, string file = "mini.json", string id = "mini", string initial = "Start")
    {
        _folder.Write(file, Mini(states, id, initial));
        return _folder.LoadFails();
    }

    [Fact]
    public void The_mini_definition_itself_is_valid()
    {
        _folder.Write("mini.json", Mini($$"""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Done", "roles": ["PMO"] } ] },
            {{Done}}
            """));

        Assert.Equal("mini", Assert.Single(_folder.Load()).Definition.Id);
    }

    [Fact]
    public void Schema_an_unknown_property_is_named_with_the_allowed_ones()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start", "onEnter": ["NotifyDecision"], "transitions": [ { "trigger": "finish", "target": "Done" } ] },
            {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[0].onEnter: unknown property 'onEnter'. Remove it or correct its spelling; allowed here: name, title, terminal, onEntry, timers, transitions.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_a_missing_states_list_is_reported()
    {
        _folder.Write("mini.json", """{ "id": "mini", "version": 1, "title": "Mini", "subjectKind": "AreaReturn", "initialState": "Start" }""");

        var message = _folder.LoadFails();

        Assert.Contains("workflows/mini.json: $: missing required property 'states'. Add it.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_a_role_that_does_not_exist_lists_the_roles()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Done", "roles": ["Sergeant"] } ] },
            {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[0].transitions[0].roles[0]: 'Sergeant' is not allowed here. Use one of: \"TeamLead\", \"BCM\", \"SRO\", \"PMO\", \"System\".", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_a_name_with_a_space_gets_the_identifier_rule()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish now", "target": "Done" } ] },
            {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[0].transitions[0].trigger: 'finish now' does not have the expected form", message, StringComparison.Ordinal);
        Assert.Contains("a letter, then letters or digits", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_an_empty_title_is_refused()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "", "transitions": [ { "trigger": "finish", "target": "Done" } ] },
            {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[0].title: must not be empty.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_names_the_file_and_the_line()
    {
        _folder.Write("mini.json", "{\n  \"id\": \"mini\"\n  \"version\": 1\n}");

        var message = _folder.LoadFails();

        Assert.Contains("workflows/mini.json: $ (line 3): the file is not valid JSON", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_initial_state_must_exist()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Done" } ] },
            {{Done}}
            """, initial: "Begin");

        Assert.Contains("workflows/mini.json: $.initialState: initial state 'Begin' is not a state of this workflow. Use one of: Start, Done.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_names_must_be_unique()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Done" } ] },
            {{Done}}, {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[2].name: state 'Done' is defined twice (first at $.states[1]).", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transition_target_must_be_a_state()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Finished" } ] },
            {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[0].transitions[0].target: unknown target state 'Finished'. Use one of: Start, Done.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_guard_must_be_a_registered_guard()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Done", "guard": "AllApproved" } ] },
            {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[0].transitions[0].guard: unknown guard 'AllApproved'. Known guards: AllReturnsApproved, AllReviewsSubmitted, HypercareActionsMet, PreGoLiveConditionsMet.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_action_must_be_a_registered_action()
    {
        var message = Refused("""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Done" } ] },
            { "name": "Done", "title": "Done", "terminal": true, "onEntry": ["NotifyDecision", "SendFax"] }
            """);

        Assert.Contains("workflows/mini.json: $.states[1].onEntry[1]: unknown action 'SendFax'. Known actions: CheckGateReady,", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_state_must_be_reachable_from_the_initial_state()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Done" } ] },
            {{Done}},
            { "name": "Limbo", "title": "Limbo", "transitions": [ { "trigger": "finish", "target": "Done" } ] }
            """);

        Assert.Contains("workflows/mini.json: $.states[2]: state 'Limbo' cannot be reached from the initial state 'Start'.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminal_state_has_no_transitions()
    {
        var message = Refused("""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Done" } ] },
            { "name": "Done", "title": "Done", "terminal": true, "transitions": [ { "trigger": "reopen", "target": "Start" } ] }
            """);

        Assert.Contains("workflows/mini.json: $.states[1].transitions: state 'Done' is terminal, so it cannot have transitions.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminal_state_has_no_timers()
    {
        var message = Refused("""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Done" } ] },
            { "name": "Done", "title": "Done", "terminal": true, "timers": [ { "name": "archive", "after": "P30D", "trigger": "archive" } ] }
            """);

        Assert.Contains("workflows/mini.json: $.states[1].timers: state 'Done' is terminal, so a timer there could never fire a transition.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_that_is_not_terminal_needs_a_way_out()
    {
        var message = Refused("""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Waiting" } ] },
            { "name": "Waiting", "title": "Waiting" }
            """);

        Assert.Contains("workflows/mini.json: $.states[1]: state 'Waiting' has no transitions, so an instance would be stuck there.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trigger_appears_once_per_state()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start", "transitions": [
                { "trigger": "finish", "target": "Done", "roles": ["BCM"] },
                { "trigger": "finish", "target": "Done", "roles": ["SRO"] } ] },
            {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[0].transitions[1].trigger: trigger 'finish' is used twice in state 'Start' (first at $.states[0].transitions[0]).", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_id_must_match_the_file_name()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Done" } ] },
            {{Done}}
            """, file: "mini.json", id: "maxi");

        Assert.Contains("workflows/mini.json: $.id: id 'maxi' does not match the file name. Set \"id\": \"mini\", or rename the file to 'maxi.json'.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_and_version_may_be_defined_only_once()
    {
        var states = $$"""
            { "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Done" } ] },
            {{Done}}
            """;
        _folder.Write("mini.json", Mini(states));
        _folder.Write("mini-copy.json", Mini(states));

        var message = _folder.LoadFails();

        Assert.Contains("workflows/mini.json: $.version: 'mini' version 1 is also defined in workflows/mini-copy.json.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_problems_of_all_files_are_reported_at_once()
    {
        _folder.Write("first.json", Mini("""{ "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Nowhere" } ] }""", id: "first"));
        _folder.Write("second.json", Mini("""{ "name": "Start", "title": "Start", "transitions": [ { "trigger": "finish", "target": "Start", "guard": "Nope" } ] }""", id: "second"));

        var message = _folder.LoadFails();

        Assert.Contains("have 2 problem(s)", message, StringComparison.Ordinal);
        Assert.Contains("workflows/first.json: $.states[0].transitions[0].target", message, StringComparison.Ordinal);
        Assert.Contains("workflows/second.json: $.states[0].transitions[0].guard", message, StringComparison.Ordinal);
    }
}
