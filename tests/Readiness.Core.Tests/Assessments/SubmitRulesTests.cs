using Readiness.Core.Assessments;
using Readiness.Core.Templates;
using static Readiness.Core.Tests.TestData.Builders;

namespace Readiness.Core.Tests.Assessments;

/// <summary>What stops a return being submitted (ScoreCard.Errors) and what a reader is told is missing (ScoreCard.Missing).</summary>
public class SubmitRulesTests
{
    [Fact]
    public void A_required_unanswered_criterion_is_an_error_on_its_value()
    {
        var template = Template(Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Required = true }));

        var card = Score(template, Answers());

        var error = Assert.Single(card.Errors);
        Assert.Equal(1, error.CriterionId);
        Assert.Equal("C-1", error.CriterionCode);
        Assert.Equal(AnswerField.Value, error.Field);
        Assert.Equal("Answer C-1: Question 1?", error.Message);
    }

    [Fact]
    public void An_optional_unanswered_criterion_is_missing_but_not_an_error()
    {
        var template = Template(Criterion(1, AnswerType.YesNo, "Yes"));

        var card = Score(template, Answers());

        Assert.Empty(card.Errors);
        var missing = Assert.Single(card.Missing);
        Assert.Equal("Not answered", missing.Reason);
        Assert.Equal("Question 1?", missing.Text);
    }

    [Fact]
    public void A_malformed_answer_is_an_error_on_the_field_it_is_about()
    {
        var template = Template(Criterion(1, AnswerType.Percentage, "90"));

        var card = Score(template, new Dictionary<int, AnswerContent> { [1] = Answer("101", "www.x") });

        Assert.Equal([AnswerField.Value, AnswerField.EvidenceLink], card.Errors.Select(e => e.Field).Order());
        Assert.All(card.Errors, e => Assert.Equal("C-1", e.CriterionCode));
    }

    [Fact]
    public void Evidence_WhenPassing_requires_a_link_on_a_passing_answer()
    {
        var template = Template(Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Evidence = EvidenceRule.WhenPassing }));

        var card = Score(template, Answers((1, "Yes")));

        var error = Assert.Single(card.Errors);
        Assert.Equal(AnswerField.EvidenceLink, error.Field);
        Assert.Equal("Add an evidence link for C-1 (Signed-off training plan).", error.Message);
        Assert.Equal("No evidence link", Assert.Single(card.Missing).Reason);
    }

    [Fact]
    public void Evidence_WhenPassing_does_not_require_a_link_on_a_failing_answer()
    {
        var template = Template(Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Evidence = EvidenceRule.WhenPassing }));

        var card = Score(template, Answers((1, "No")));

        Assert.Empty(card.Errors);
    }

    [Fact]
    public void Evidence_Always_requires_a_link_even_on_a_failing_answer()
    {
        var template = Template(Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Evidence = EvidenceRule.Always }));

        var card = Score(template, Answers((1, "No")));

        Assert.Equal(AnswerField.EvidenceLink, Assert.Single(card.Errors).Field);
    }

    [Fact]
    public void Evidence_Always_is_satisfied_by_a_link()
    {
        var template = Template(Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Evidence = EvidenceRule.Always }));

        var card = Score(template, new Dictionary<int, AnswerContent> { [1] = Answer("Yes", "https://sharepoint.example/plan") });

        Assert.Empty(card.Errors);
        Assert.Empty(card.Missing);
    }

    [Fact]
    public void Evidence_None_never_requires_a_link()
    {
        var template = Template(Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Evidence = EvidenceRule.None }));

        var card = Score(template, Answers((1, "Yes")));

        Assert.Empty(card.Errors);
    }

    [Fact]
    public void Evidence_rules_do_not_apply_to_an_unanswered_criterion()
    {
        var template = Template(Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Evidence = EvidenceRule.Always }));

        var card = Score(template, Answers());

        Assert.Empty(card.Errors);
        Assert.Equal("Not answered", Assert.Single(card.Missing).Reason);
    }

    [Fact]
    public void A_failed_blocking_criterion_without_a_comment_is_an_error_on_the_comment()
    {
        var template = Template(Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Blocking = true }));

        var card = Score(template, Answers((1, "No")));

        var error = Assert.Single(card.Errors);
        Assert.Equal(AnswerField.Comment, error.Field);
        Assert.Contains("C-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_blocking_criterion_with_a_comment_is_not_an_error()
    {
        var template = Template(Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Blocking = true }));

        var card = Score(template, new Dictionary<int, AnswerContent> { [1] = Answer("No", comment: "Extra sessions booked for 2 June.") });

        Assert.Empty(card.Errors);
    }

    [Fact]
    public void A_failed_criterion_that_is_not_blocking_needs_no_comment()
    {
        var template = Template(Criterion(1, AnswerType.YesNo, "Yes"));

        var card = Score(template, Answers((1, "No")));

        Assert.Empty(card.Errors);
    }

    [Fact]
    public void Missing_names_each_unanswered_unevidenced_or_failed_criterion_with_its_reason()
    {
        var template = Template(
            Criterion(1, AnswerType.YesNo, "Yes"),
            Criterion(2, Spec(AnswerType.YesNo, "Yes") with { Evidence = EvidenceRule.WhenPassing }),
            Criterion(3, AnswerType.Rag, "Amber"),
            Criterion(4, Spec(AnswerType.YesNo, "Yes") with { Blocking = true }),
            Criterion(5, AnswerType.YesNo, "Yes"));

        var card = Score(template, Answers((2, "Yes"), (3, "Red"), (4, "No"), (5, "Yes")));

        Assert.Equal(
            [
                (1, "C-1", "Not answered"),
                (2, "C-2", "No evidence link"),
                (3, "C-3", "Below the minimum pass"),
                (4, "C-4", "Below the minimum pass (blocking)"),
            ],
            card.Missing.Select(m => (m.CriterionId, m.CriterionCode, m.Reason)));
    }

    [Fact]
    public void A_complete_passing_return_has_no_errors_and_nothing_missing()
    {
        var template = Template(
            Criterion(1, Spec(AnswerType.YesNo, "Yes") with { Required = true, Blocking = true, Evidence = EvidenceRule.Always }),
            Criterion(2, Spec(AnswerType.Text) with { Required = true }));

        var card = Score(template, new Dictionary<int, AnswerContent>
        {
            [1] = Answer("Yes", "https://sharepoint.example/evidence"),
            [2] = Answer("Nothing to add."),
        });

        Assert.Empty(card.Errors);
        Assert.Empty(card.Missing);
        Assert.Equal(100, card.ProgressPercent);
    }
}
