namespace Readiness.Infrastructure.Tests.Workflows;

/// <summary>Broken timers: each must be refused with the file, the JSON path and the problem.</summary>
public sealed class WorkflowTimerRuleTests : IDisposable
{
    private const string Done = MiniDefinition.Done;

    private readonly WorkflowFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Refused(string states)
    {
        _folder.Write("mini.json", MiniDefinition.Json(states));
        return _folder.LoadFails();
    }

    [Fact]
    public void A_timer_with_an_at_day_and_a_system_transition_is_valid()
    {
        _folder.Write("mini.json", MiniDefinition.Json($$"""
            { "name": "Start", "title": "Start",
              "timers": [ { "name": "nudge", "at": "T-7", "trigger": "finish" }, { "name": "later", "after": "PT12H", "trigger": "finish" } ],
              "transitions": [ { "trigger": "finish", "target": "Done" } ] },
            {{Done}}
            """));

        Assert.Equal(2, Assert.Single(_folder.Load()).Definition.State("Start").StateTimers.Count);
    }

    [Fact]
    public void A_timer_has_after_or_at_but_not_both()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start",
              "timers": [ { "name": "nudge", "after": "P3D", "at": "T-7", "trigger": "finish" } ],
              "transitions": [ { "trigger": "finish", "target": "Done", "roles": ["System"] } ] },
            {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[0].timers[0]: timer 'nudge' has both \"after\" and \"at\". Give exactly one", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timer_without_after_or_at_is_refused()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start",
              "timers": [ { "name": "nudge", "trigger": "finish" } ],
              "transitions": [ { "trigger": "finish", "target": "Done", "roles": ["System"] } ] },
            {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[0].timers[0]: timer 'nudge' has none of \"after\", \"afterWorkingDays\" and \"at\".", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3 days", "is not an ISO 8601 duration. Use e.g. 'P3D'")]
    [InlineData("P3X", "is not an ISO 8601 duration.")]
    [InlineData("PT0S", "is not longer than zero")]
    [InlineData("-P1D", "is not longer than zero")]
    public void A_timer_after_is_a_positive_iso_8601_duration(string after, string problem)
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start",
              "timers": [ { "name": "nudge", "after": "{{after}}", "trigger": "finish" } ],
              "transitions": [ { "trigger": "finish", "target": "Done", "roles": ["System"] } ] },
            {{Done}}
            """);

        Assert.Contains($"workflows/mini.json: $.states[0].timers[0].after: '{after}' {problem}", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("T7")]
    [InlineData("T+")]
    [InlineData("go-live")]
    public void A_timer_at_is_a_day_relative_to_go_live(string at)
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start",
              "timers": [ { "name": "nudge", "at": "{{at}}", "trigger": "finish" } ],
              "transitions": [ { "trigger": "finish", "target": "Done", "roles": ["System"] } ] },
            {{Done}}
            """);

        Assert.Contains($"workflows/mini.json: $.states[0].timers[0].at: '{at}' is not a day relative to go-live. Use 'T0'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timer_may_only_fire_a_transition_that_allows_the_system()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start",
              "timers": [ { "name": "nudge", "after": "P3D", "trigger": "finish" } ],
              "transitions": [ { "trigger": "finish", "target": "Done", "roles": ["PMO"] } ] },
            {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[0].timers[0].trigger: timer 'nudge' fires 'finish', but that transition does not allow the role System, so no timer may fire it. Add \"System\" to its roles.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timer_must_fire_a_trigger_of_its_own_state()
    {
        var message = Refused($$"""
            { "name": "Start", "title": "Start",
              "timers": [ { "name": "nudge", "after": "P3D", "trigger": "close" } ],
              "transitions": [ { "trigger": "finish", "target": "Done", "roles": ["System"] } ] },
            {{Done}}
            """);

        Assert.Contains("workflows/mini.json: $.states[0].timers[0].trigger: timer 'nudge' fires 'close', but state 'Start' has no transition with that trigger. Use one of: finish", message, StringComparison.Ordinal);
    }
}
