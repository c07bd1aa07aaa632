using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Templates;
using static Readiness.Core.Tests.TestData.Builders;

namespace Readiness.Core.Tests.Assessments;

/// <summary>Weighted score, RAG and progress of a return (ScoreCard.Compute).</summary>
public class ScoreCardTests
{
    [Fact]
    public void Score_is_the_share_of_the_weight_earned()
    {
        var template = Template(
            Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Weight = 3 }),
            Criterion(2, Spec(AnswerType.YesNo, "Yes") with { Weight = 1 }));

        var card = Score(template, Answers((1, "Yes"), (2, "No")));

        Assert.Equal(75.0m, card.Score);
    }

    [Fact]
    public void Partial_answers_earn_part_of_the_weight()
    {
        var template = Template(
            Criterion(1, Spec(AnswerType.YesNoPartial, "Partial") with { Weight = 2 }),
            Criterion(2, Spec(AnswerType.Percentage, "50") with { Weight = 2 }));

        var card = Score(template, Answers((1, "Partial"), (2, "60")));

        Assert.Equal(55.0m, card.Score);
    }

    [Fact]
    public void Score_is_rounded_to_one_decimal_place()
    {
        var template = Template(Criterion(1, AnswerType.YesNo, "Yes"), Criterion(2, AnswerType.YesNo, "Yes"), Criterion(3, AnswerType.YesNo, "Yes"));

        var card = Score(template, Answers((1, "Yes"), (2, "Yes"), (3, "No")));

        Assert.Equal(66.7m, card.Score);
    }

    [Fact]
    public void An_unanswered_criterion_counts_as_zero()
    {
        var template = Template(Criterion(1, AnswerType.YesNo, "Yes"), Criterion(2, AnswerType.YesNo, "Yes"));

        var card = Score(template, Answers((1, "Yes")));

        Assert.Equal(50.0m, card.Score);
    }

    [Fact]
    public void Progress_counts_answered_criteria_against_applicable_ones()
    {
        var template = Template(
            Criterion(1, AnswerType.YesNo, "Yes"), Criterion(2, AnswerType.YesNo, "Yes"),
            Criterion(3, AnswerType.Text), Criterion(4, AnswerType.Number, "4"));

        var card = Score(template, Answers((1, "No"), (3, "Notes")));

        Assert.Equal(4, card.Applicable);
        Assert.Equal(2, card.Answered);
        Assert.Equal(50, card.ProgressPercent);
    }

    [Fact]
    public void Text_criteria_are_not_scored_whether_answered_or_not()
    {
        var template = Template(
            Criterion(1, AnswerType.YesNo, "Yes"),
            Criterion(2, Spec(AnswerType.Text) with { Weight = 5 }),
            Criterion(3, Spec(AnswerType.Text) with { Weight = 5 }));

        var card = Score(template, Answers((1, "Yes"), (2, "Anything at all")));

        Assert.Equal(100.0m, card.Score);
        Assert.Equal(Rag.Green, card.Rag);
    }

    [Fact]
    public void A_failed_blocking_criterion_makes_the_return_Red_whatever_the_score()
    {
        var template = Template(
            Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Blocking = true, Weight = 1 }),
            Criterion(2, Spec(AnswerType.YesNo, "Yes") with { Weight = 9 }));

        var card = Score(template, Answers((1, "No"), (2, "Yes")));

        Assert.Equal(90.0m, card.Score);
        Assert.True(card.BlockingFailed);
        Assert.Equal(Rag.Red, card.Rag);
    }

    [Fact]
    public void A_blocking_percentage_below_its_minimum_makes_the_return_Red()
    {
        var template = Template(Criterion(1, Spec(AnswerType.Percentage, "90") with { Blocking = true }));

        var card = Score(template, Answers((1, "89")));

        Assert.Equal(89.0m, card.Score);
        Assert.Equal(Rag.Red, card.Rag);
    }

    [Fact]
    public void An_unanswered_blocking_criterion_is_not_a_failed_one()
    {
        var template = Template(
            Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Blocking = true, Weight = 1 }),
            Criterion(2, Spec(AnswerType.YesNo, "Yes") with { Weight = 9 }));

        var card = Score(template, Answers((2, "Yes")));

        Assert.False(card.BlockingFailed);
        Assert.Equal(Rag.Green, card.Rag);
    }

    [Fact]
    public void A_passed_blocking_criterion_leaves_the_RAG_to_the_score()
    {
        var template = Template(
            Criterion(1, Spec(AnswerType.YesNoPartial, "Partial") with { Blocking = true }),
            Criterion(2, AnswerType.YesNo, "Yes"));

        var card = Score(template, Answers((1, "Partial"), (2, "Yes")));

        Assert.False(card.BlockingFailed);
        Assert.Equal(Rag.Amber, card.Rag);
    }

    [Theory]
    [InlineData("100", Rag.Green)]
    [InlineData("85", Rag.Green)]
    [InlineData("84.9", Rag.Amber)]
    [InlineData("65", Rag.Amber)]
    [InlineData("64.9", Rag.Red)]
    [InlineData("0", Rag.Red)]
    public void Score_maps_to_RAG_by_the_template_thresholds_inclusive_at_the_boundary(string percentage, Rag expected)
    {
        // Green at 85 and above, Amber at 65 and above, Red below.
        var template = Template(Criterion(1, AnswerType.Percentage));

        var card = Score(template, Answers((1, percentage)));

        Assert.Equal(decimal.Parse(percentage, System.Globalization.CultureInfo.InvariantCulture), card.Score);
        Assert.Equal(expected, card.Rag);
    }

    [Fact]
    public void A_return_with_nothing_to_score_scores_100()
    {
        var template = Template(Criterion(1, AnswerType.Text));

        var card = Score(template, Answers());

        Assert.Equal(100m, card.Score);
    }

    [Fact]
    public void Outcomes_list_every_criterion_in_order_with_its_check()
    {
        var template = Template(Criterion(1, AnswerType.YesNo, "Yes"), Criterion(2, AnswerType.Rag, "Amber"));

        var card = Score(template, Answers((2, "Red")));

        Assert.Equal([1, 2], card.Outcomes.Select(o => o.Criterion.Id));
        Assert.False(card.Outcomes[0].Check.Answered);
        Assert.False(card.Outcomes[1].Check.Passed);
        Assert.Equal("Red", card.Outcomes[1].Answer.Value);
    }
}
