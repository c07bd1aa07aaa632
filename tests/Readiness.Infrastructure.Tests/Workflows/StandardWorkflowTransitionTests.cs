using Readiness.Core.Workflows;

namespace Readiness.Infrastructure.Tests.Workflows;

/// <summary>The standard definitions driven through WorkflowMachine (Stateless), with guards stubbed.</summary>
public sealed class StandardWorkflowTransitionTests
{
    private static readonly WorkflowDefinition AreaReturn = WorkflowFolder.Real("area-return");
    private static readonly WorkflowDefinition TwoApprovers = WorkflowFolder.Real("area-return-two-approvers");
    private static readonly WorkflowDefinition GoLiveGate = WorkflowFolder.Real("go-live-gate");

    private static string Fire(WorkflowDefinition definition, string from, string trigger, Func<string, bool>? guard = null)
    {
        var machine = WorkflowMachine.Build(definition, from, guard ?? (_ => true));
        machine.Fire(trigger);
        return machine.State;
    }

    private static bool CanFire(WorkflowDefinition definition, string from, string trigger, Func<string, bool>? guard = null) =>
        WorkflowMachine.Build(definition, from, guard ?? (_ => true)).CanFire(trigger);

    [Fact]
    public void Area_return_submit_sends_a_draft_to_the_bcm()
    {
        Assert.Equal("Draft", AreaReturn.InitialState);
        Assert.Equal("BcmReview", Fire(AreaReturn, "Draft", "submit"));
    }

    [Fact]
    public void Area_return_a_returned_return_goes_back_to_the_bcm_when_resubmitted()
    {
        Assert.Equal("Returned", Fire(AreaReturn, "BcmReview", "return"));
        Assert.Equal("BcmReview", Fire(AreaReturn, "Returned", "resubmit"));
    }

    [Theory]
    [InlineData("approve", "Approved")]
    [InlineData("approveWithConditions", "ApprovedWithConditions")]
    public void Area_return_the_bcm_approves(string trigger, string target) =>
        Assert.Equal(target, Fire(AreaReturn, "BcmReview", trigger));

    [Fact]
    public void Area_return_cannot_be_approved_from_draft_or_after_approval()
    {
        Assert.False(CanFire(AreaReturn, "Draft", "approve"));
        Assert.False(CanFire(AreaReturn, "Approved", "return"));
        Assert.Throws<InvalidOperationException>(() => Fire(AreaReturn, "Draft", "approve"));
    }

    [Fact]
    public void Two_approvers_a_bcm_approval_goes_to_the_sro_who_decides()
    {
        Assert.Equal("SecondReview", Fire(TwoApprovers, "BcmReview", "approve"));
        Assert.Equal("SecondReview", Fire(TwoApprovers, "BcmReview", "approveWithConditions"));
        Assert.Equal("Approved", Fire(TwoApprovers, "SecondReview", "approve"));
        Assert.Equal("ApprovedWithConditions", Fire(TwoApprovers, "SecondReview", "approveWithConditions"));
        Assert.Equal("Returned", Fire(TwoApprovers, "SecondReview", "return"));
        Assert.Equal(["SRO"], WorkflowMachine.Transition(TwoApprovers, "SecondReview", "approve")!.AllowedRoles);
    }

    [Fact]
    public void Gate_sro_decision_is_reached_only_when_all_returns_are_approved()
    {
        Func<string, bool> notYet = g => g != HandlerNames.AllReturnsApproved;

        Assert.False(CanFire(GoLiveGate, "CollectingReturns", "allReturnsApproved", notYet));
        Assert.Equal("SroDecision", Fire(GoLiveGate, "CollectingReturns", "allReturnsApproved", g => g == HandlerNames.AllReturnsApproved));
    }

    [Fact]
    public void Gate_go_is_permitted_only_when_the_pre_go_live_conditions_are_met()
    {
        Assert.False(CanFire(GoLiveGate, "SroDecision", "go", g => g != HandlerNames.PreGoLiveConditionsMet));
        Assert.Equal("Go", Fire(GoLiveGate, "SroDecision", "go", g => g == HandlerNames.PreGoLiveConditionsMet));
        // The other decisions have no guard: the SRO can always say no, or go with conditions.
        Assert.Equal("NoGo", Fire(GoLiveGate, "SroDecision", "noGo", _ => false));
        Assert.Equal("GoWithConditions", Fire(GoLiveGate, "SroDecision", "goWithConditions", _ => false));
    }

    [Fact]
    public void Gate_a_no_go_is_replanned_and_collects_returns_again()
    {
        Assert.Equal("CollectingReturns", Fire(GoLiveGate, "NoGo", "replan"));
    }

    [Theory]
    [InlineData("Go")]
    [InlineData("GoWithConditions")]
    public void Gate_after_go_live_the_release_is_monitored_then_closed(string decision)
    {
        Assert.Equal("PostGoLiveMonitoring", Fire(GoLiveGate, decision, "wentLive"));
        Assert.Equal("Closed", Fire(GoLiveGate, "PostGoLiveMonitoring", "close"));
        var triggers = GoLiveGate.States.SelectMany(s => s.Exits).Select(t => t.Trigger).Distinct();
        Assert.DoesNotContain(triggers, t => CanFire(GoLiveGate, "Closed", t));
    }

    [Fact]
    public void The_mermaid_diagram_names_every_state()
    {
        foreach (var definition in new[] { AreaReturn, TwoApprovers, GoLiveGate })
        {
            var diagram = WorkflowMachine.Mermaid(definition);

            Assert.StartsWith("stateDiagram-v2", diagram, StringComparison.Ordinal);
            Assert.All(definition.States, s => Assert.Contains(s.Name, diagram, StringComparison.Ordinal));
        }
    }
}
