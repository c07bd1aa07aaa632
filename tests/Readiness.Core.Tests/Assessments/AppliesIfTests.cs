using Readiness.Core.Common;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;
using static Readiness.Core.Tests.TestData.Builders;

namespace Readiness.Core.Tests.Assessments;

/// <summary>Applies-if: a criterion that does not apply to an area's impact is left out of score, progress, errors and Missing.</summary>
public class AppliesIfTests
{
    [Theory]
    [InlineData(ImpactLevel.Low, false)]
    [InlineData(ImpactLevel.Medium, true)]
    [InlineData(ImpactLevel.High, true)]
    public void Minimum_impact_level_Medium_applies_to_Medium_and_above(ImpactLevel level, bool applies)
    {
        var criterion = Criterion(1, Spec(AnswerType.YesNo, "Yes") with { AppliesIfMinImpactLevel = ImpactLevel.Medium });

        Assert.Equal(applies, criterion.AppliesTo(Impact(level)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(0.5, true)]
    [InlineData(7.5, true)]
    public void Requires_training_applies_only_where_there_are_training_hours(double hours, bool applies)
    {
        var criterion = Criterion(1, Spec(AnswerType.Percentage, "90") with { AppliesIfTraining = true });

        Assert.Equal(applies, criterion.AppliesTo(Impact(ImpactLevel.High, trainingHours: (decimal)hours)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Requires_hypercare_applies_only_where_there_are_hypercare_weeks(int weeks, bool applies)
    {
        var criterion = Criterion(1, Spec(AnswerType.YesNo, "Yes") with { AppliesIfHypercare = true });

        Assert.Equal(applies, criterion.AppliesTo(Impact(ImpactLevel.High, hypercareWeeks: weeks)));
    }

    [Fact]
    public void Every_condition_must_hold_for_the_criterion_to_apply()
    {
        var criterion = Criterion(1, Spec(AnswerType.Number, "1") with { AppliesIfMinImpactLevel = ImpactLevel.Medium, AppliesIfHypercare = true });

        Assert.False(criterion.AppliesTo(Impact(ImpactLevel.High, hypercareWeeks: 0)));
        Assert.False(criterion.AppliesTo(Impact(ImpactLevel.Low, hypercareWeeks: 6)));
        Assert.True(criterion.AppliesTo(Impact(ImpactLevel.Medium, hypercareWeeks: 6)));
    }

    [Fact]
    public void Without_an_impact_only_unconditional_criteria_apply()
    {
        var plain = Criterion(1, AnswerType.YesNo, "Yes");
        var conditional = Criterion(2, Spec(AnswerType.YesNo, "Yes") with { AppliesIfTraining = true });

        Assert.True(plain.AppliesTo(null));
        Assert.False(conditional.AppliesTo(null));
    }

    [Fact]
    public void A_criterion_that_does_not_apply_is_left_out_of_the_score()
    {
        var template = Template(
            Criterion(1, AnswerType.YesNo, "Yes"),
            Criterion(2, Spec(AnswerType.YesNo, "Yes") with { Weight = 5, AppliesIfMinImpactLevel = ImpactLevel.High }));

        var card = Score(template, Answers((1, "Yes"), (2, "No")), Impact(ImpactLevel.Low));

        Assert.Equal(100.0m, card.Score);
        Assert.Equal(Rag.Green, card.Rag);
    }

    [Fact]
    public void A_criterion_that_does_not_apply_is_left_out_of_progress()
    {
        var template = Template(
            Criterion(1, AnswerType.YesNo, "Yes"),
            Criterion(2, Spec(AnswerType.Percentage, "90") with { AppliesIfTraining = true }));

        var card = Score(template, Answers((1, "Yes")), Impact(ImpactLevel.High, trainingHours: 0));

        Assert.Equal(1, card.Applicable);
        Assert.Equal(1, card.Answered);
        Assert.Equal(100, card.ProgressPercent);
    }

    [Fact]
    public void A_required_criterion_that_does_not_apply_is_neither_an_error_nor_missing()
    {
        var template = Template(
            Criterion(1, AnswerType.YesNo, "Yes"),
            Criterion(2, Spec(AnswerType.YesNo, "Yes") with { Required = true, Evidence = EvidenceRule.Always, AppliesIfHypercare = true }));

        var card = Score(template, Answers((1, "Yes")), Impact(ImpactLevel.High, hypercareWeeks: 0));

        Assert.Empty(card.Errors);
        Assert.Empty(card.Missing);
    }

    [Fact]
    public void A_failed_blocking_criterion_that_does_not_apply_does_not_make_the_return_Red()
    {
        var template = Template(
            Criterion(1, AnswerType.YesNo, "Yes"),
            Criterion(2, Spec(AnswerType.YesNo, "Yes") with { Blocking = true, AppliesIfMinImpactLevel = ImpactLevel.High }));

        var card = Score(template, Answers((1, "Yes"), (2, "No")), Impact(ImpactLevel.Medium));

        Assert.False(card.BlockingFailed);
        Assert.Equal(Rag.Green, card.Rag);
    }

    [Fact]
    public void A_criterion_that_applies_is_scored_for_an_impact_that_meets_its_conditions()
    {
        var template = Template(
            Criterion(1, AnswerType.YesNo, "Yes"),
            Criterion(2, Spec(AnswerType.YesNo, "Yes") with { AppliesIfMinImpactLevel = ImpactLevel.High }));

        var card = Score(template, Answers((1, "Yes"), (2, "No")), Impact(ImpactLevel.High));

        Assert.Equal(2, card.Applicable);
        Assert.Equal(50.0m, card.Score);
    }

    [Fact]
    public void Outcomes_still_list_a_criterion_that_does_not_apply_marked_as_such()
    {
        var template = Template(Criterion(1, Spec(AnswerType.YesNo, "Yes") with { AppliesIfMinImpactLevel = ImpactLevel.High }));

        var card = Score(template, Answers(), Impact(ImpactLevel.Low));

        Assert.False(Assert.Single(card.Outcomes).Applies);
    }
}
