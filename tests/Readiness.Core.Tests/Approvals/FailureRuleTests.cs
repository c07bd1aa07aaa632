using Readiness.Core.Approvals;
using Readiness.Core.Common;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;
using static Readiness.Core.Tests.TestData.Builders;

namespace Readiness.Core.Tests.Approvals;

/// <summary>The failing-criteria rule: what counts as a failure, and when a plain Approve is refused (issue 10).</summary>
public class FailureRuleTests
{
    private static readonly QuestionnaireTemplate Template3 = Template(
        Criterion(1, Spec(AnswerType.Percentage, "98") with { Weight = 1 }),
        Criterion(2, Spec(AnswerType.YesNo, "Yes") with { Weight = 10 }),
        Criterion(3, Spec(AnswerType.YesNoPartial, "Yes") with { Weight = 10, AppliesIfMinImpactLevel = ImpactLevel.High }));

    [Fact]
    public void A_return_can_score_green_and_still_fail_a_criterion_with_its_answer_and_comment()
    {
        var card = Score(Template3, new Dictionary<int, Readiness.Core.Assessments.AnswerContent>
        {
            [1] = Answer("96", comment: "Spares are in the store"), [2] = Answer("Yes"), [3] = Answer("No"),
        }, Impact(ImpactLevel.Low));

        var failing = FailureRule.Of(card);

        Assert.Equal(Rag.Green, card.Rag);
        var only = Assert.Single(failing); // criterion 3 fails but does not apply to a low-impact area
        Assert.Equal(("C-1", "96", "Spares are in the store"), (only.Code, only.Answer, only.Comment));
    }

    [Fact]
    public void Unanswered_criteria_are_missing_not_failing()
    {
        var card = Score(Template3, Answers((2, "Yes")), Impact(ImpactLevel.High));

        Assert.Empty(FailureRule.Of(card));
    }

    [Fact]
    public void A_plain_approve_with_an_unwaived_failure_is_refused_naming_each_criterion_and_what_to_do()
    {
        var failing = FailureRule.Of(Score(Template3, Answers((1, "80"), (2, "No"), (3, "Yes")), Impact(ImpactLevel.High)));

        var refusal = FailureRule.CheckDecision(Decision.Approve, failing, new HashSet<int> { 2 });

        Assert.NotNull(refusal);
        Assert.Equal(FailureKind.Invalid, refusal.Kind);
        Assert.Equal("Decision", Assert.Single(refusal.Fields).Field);
        Assert.Contains("C-1 (answered “80”)", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("C-2", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Waive it", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Approve with conditions", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_unwaived_failures_are_counted_and_all_named()
    {
        var failing = FailureRule.Of(Score(Template3, Answers((1, "80"), (2, "No"), (3, "Partial")), Impact(ImpactLevel.High)));

        var refusal = FailureRule.CheckDecision(Decision.Approve, failing, new HashSet<int>());

        Assert.StartsWith("3 criteria are below their minimum pass: C-1", refusal!.Message, StringComparison.Ordinal);
        Assert.Contains("C-3 (answered “Partial”)", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Decision.ApproveWithConditions)]
    [InlineData(Decision.Return)]
    public void Conditions_or_a_return_need_no_waivers(Decision decision)
    {
        var failing = FailureRule.Of(Score(Template3, Answers((1, "80"), (2, "No")), Impact(ImpactLevel.High)));

        Assert.Null(FailureRule.CheckDecision(decision, failing, new HashSet<int>()));
    }

    [Fact]
    public void A_plain_approve_passes_when_every_failure_is_waived_or_an_earlier_approval_set_conditions()
    {
        var failing = FailureRule.Of(Score(Template3, Answers((1, "80"), (2, "No")), Impact(ImpactLevel.High)));

        Assert.Null(FailureRule.CheckDecision(Decision.Approve, failing, new HashSet<int> { 1, 2 }));
        Assert.Null(FailureRule.CheckDecision(Decision.Approve, failing, new HashSet<int>(), coveredByConditions: true));
        Assert.Null(FailureRule.CheckDecision(Decision.Approve, [], new HashSet<int>()));
    }
}
