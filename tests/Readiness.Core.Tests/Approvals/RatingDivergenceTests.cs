using Readiness.Core.Approvals;
using Readiness.Core.Common;

namespace Readiness.Core.Tests.Approvals;

/// <summary>Ratings more than one step apart on the DCA's five steps are told in words (issue 10, point 2).</summary>
public class RatingDivergenceTests
{
    private static AreaRatings Area(Rag? lead, Rag? answers, Decision? bcm) => new("PROPERTY", "Property", lead, answers, bcm);

    [Fact]
    public void Team_lead_green_against_answers_amber_is_two_steps_and_said_in_words()
    {
        var found = Assert.Single(RatingDivergence.ForArea(Area(Rag.Green, Rag.Amber, null)));

        Assert.Equal("Team lead says Green; the answers score Amber.", found.Words);
        Assert.Equal(2, found.Steps);
    }

    [Fact]
    public void Ratings_that_agree_or_sit_one_step_apart_are_not_listed()
    {
        Assert.Empty(RatingDivergence.ForArea(Area(Rag.Amber, Rag.Amber, Decision.ApproveWithConditions)));
        Assert.Empty(RatingDivergence.ForArea(Area(Rag.Green, Rag.Green, Decision.ApproveWithConditions))); // Amber/Green beside Green
        Assert.Empty(RatingDivergence.Of(Dca.AmberGreen, [Area(Rag.Green, Rag.Green, Decision.Approve)]));
    }

    [Fact]
    public void A_bcm_approving_a_red_return_outright_disagrees_with_the_answers_and_the_team_lead()
    {
        var found = RatingDivergence.ForArea(Area(Rag.Red, Rag.Red, Decision.Approve)).Select(d => d.Words).ToList();

        Assert.Equal(["The BCM approved it outright (Green); the answers score Red.", "Team lead says Red; the BCM approved it outright (Green)."], found);
    }

    [Fact]
    public void The_sros_dca_is_compared_with_the_worst_return_and_the_worst_team_lead_rating()
    {
        var areas = new[] { Area(Rag.Green, Rag.Green, Decision.Approve), new AreaRatings("CUSTODY", "Custody", Rag.Red, Rag.Amber, Decision.ApproveWithConditions) };

        var found = RatingDivergence.ForRelease(Dca.Green, areas).Select(d => d.Words).ToList();

        Assert.Equal(["The SRO's DCA is Green; the answers score Amber at worst (Custody).", "The SRO's DCA is Green; a team lead says Red (Custody)."], found);
        Assert.Empty(RatingDivergence.ForRelease(null, areas));
    }

    [Theory]
    [InlineData(Dca.Green, 0)]
    [InlineData(Dca.AmberGreen, 1)]
    [InlineData(Dca.Amber, 2)]
    [InlineData(Dca.AmberRed, 3)]
    [InlineData(Dca.Red, 4)]
    public void The_dca_steps_run_green_to_red(Dca dca, int step) => Assert.Equal(step, RatingDivergence.Step(dca));
}
