using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Templates;
using static Readiness.Core.Tests.TestData.Builders;

namespace Readiness.Core.Tests.Assessments;

/// <summary>
/// Assessment.SaveDraft and the two-tabs rule: only answers changed in a form are written, and an answer someone
/// else changed since the form was opened is never overwritten.
/// </summary>
public class DraftSaveTests
{
    private const string Priya = "user-priya";
    private const string Liam = "user-liam";
    private static readonly DateTime Later = Now.AddMinutes(5);

    private static readonly AnswerContent Empty = AnswerContent.Empty;

    /// <summary>An assessment where Priya has saved "Yes" for criterion 1 (revision 1) and "No" for criterion 2 (revision 1).</summary>
    private static Assessment SavedOnce()
    {
        var assessment = NewAssessment();
        assessment.SaveDraft([Change(1, Answer("Yes"), 0, Empty), Change(2, Answer("No"), 0, Empty)], Priya, Now);
        return assessment;
    }

    private static Answer AnswerTo(Assessment assessment, int criterionId) => assessment.Answers.Single(a => a.CriterionId == criterionId);

    [Fact]
    public void A_first_answer_is_stored_with_revision_1_and_makes_the_return_a_draft()
    {
        var assessment = NewAssessment();

        var outcome = assessment.SaveDraft([Change(1, Answer("Yes", "https://sharepoint.example/tna", "Signed off"), 0, Empty)], Priya, Now);

        Assert.Equal(1, outcome.Applied);
        Assert.Empty(outcome.Conflicts);
        var answer = AnswerTo(assessment, 1);
        Assert.Equal(("Yes", "https://sharepoint.example/tna", "Signed off"), (answer.Value, answer.EvidenceLink, answer.Comment));
        Assert.Equal(1, answer.Revision);
        Assert.Equal(Priya, answer.AnsweredByUserId);
        Assert.Equal(Now, answer.AnsweredAtUtc);
        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
        Assert.Equal(1, assessment.Version);
        Assert.Equal(Now, assessment.LastSavedAtUtc);
        Assert.Equal(Priya, assessment.LastSavedByUserId);
    }

    [Fact]
    public void The_return_counts_its_answers_that_have_a_value_as_they_are_saved()
    {
        var assessment = NewAssessment();
        Assert.Equal(0, assessment.AnsweredCriteria);

        assessment.SaveDraft([Change(1, Answer("Yes"), 0, Empty), Change(2, Answer("No"), 0, Empty), Change(3, Answer("", comment: "Asked the supplier"), 0, Empty)], Priya, Now);
        Assert.Equal(2, assessment.AnsweredCriteria); // a comment without a value is not an answer

        assessment.SaveDraft([Change(2, Answer(""), 1, Answer("No")), Change(3, Answer("Partly", comment: "Asked the supplier"), 1, Answer("", comment: "Asked the supplier"))], Liam, Later);
        Assert.Equal(2, assessment.AnsweredCriteria); // one cleared, one answered

        assessment.SaveDraft([Change(1, Answer(""), 0, Answer("Yes"))], Liam, Later); // a stale form: a conflict, nothing applied
        Assert.Equal(2, assessment.AnsweredCriteria);
        Assert.Equal(assessment.Answers.Count(a => a.Value != ""), assessment.AnsweredCriteria);
    }

    [Fact]
    public void An_answer_left_alone_in_the_form_is_not_written()
    {
        var assessment = SavedOnce();

        var outcome = assessment.SaveDraft([Change(1, Answer("Yes"), 1, Answer("Yes"))], Liam, Later);

        Assert.Equal(0, outcome.Applied);
        Assert.Equal(1, AnswerTo(assessment, 1).Revision);
        Assert.Equal(Priya, AnswerTo(assessment, 1).AnsweredByUserId);
        Assert.Equal(1, assessment.Version);
    }

    [Fact]
    public void An_answer_left_alone_in_an_old_form_does_not_undo_a_newer_save()
    {
        var assessment = SavedOnce();
        assessment.SaveDraft([Change(1, Answer("No"), 1, Answer("Yes"))], Liam, Later); // the other tab

        // This tab was opened at revision 1 showing "Yes" and posts "Yes" back untouched.
        var outcome = assessment.SaveDraft([Change(1, Answer("Yes"), 1, Answer("Yes"))], Priya, Later.AddMinutes(1));

        Assert.Equal(0, outcome.Applied);
        Assert.Empty(outcome.Conflicts);
        Assert.Equal("No", AnswerTo(assessment, 1).Value);
    }

    [Fact]
    public void A_changed_answer_on_the_current_revision_is_applied_and_bumps_revision_and_version()
    {
        var assessment = SavedOnce();

        var outcome = assessment.SaveDraft([Change(1, Answer("No", comment: "Training slipped"), 1, Answer("Yes"))], Liam, Later);

        Assert.Equal(1, outcome.Applied);
        Assert.Empty(outcome.Conflicts);
        var answer = AnswerTo(assessment, 1);
        Assert.Equal("No", answer.Value);
        Assert.Equal("Training slipped", answer.Comment);
        Assert.Equal(2, answer.Revision);
        Assert.Equal(Liam, answer.AnsweredByUserId);
        Assert.Equal(Later, answer.AnsweredAtUtc);
        Assert.Equal(2, assessment.Version);
    }

    [Fact]
    public void A_change_to_only_the_evidence_link_is_applied()
    {
        var assessment = SavedOnce();

        var outcome = assessment.SaveDraft([Change(1, Answer("Yes", "https://sharepoint.example/tna"), 1, Answer("Yes"))], Priya, Later);

        Assert.Equal(1, outcome.Applied);
        Assert.Equal("https://sharepoint.example/tna", AnswerTo(assessment, 1).EvidenceLink);
    }

    [Fact]
    public void An_answer_changed_by_someone_else_since_the_form_opened_comes_back_as_a_conflict_and_is_kept()
    {
        var assessment = SavedOnce();
        assessment.SaveDraft([Change(1, Answer("No"), 1, Answer("Yes"))], Liam, Later); // revision 2

        // Priya's tab still shows revision 1 ("Yes") and she changes it to "Partial".
        var outcome = assessment.SaveDraft([Change(1, Answer("Partial"), 1, Answer("Yes"))], Priya, Later.AddMinutes(1));

        Assert.Equal(0, outcome.Applied);
        var conflict = Assert.Single(outcome.Conflicts);
        Assert.Equal(1, conflict.CriterionId);
        Assert.Equal("No", conflict.Theirs.Value);
        Assert.Equal("Partial", conflict.Yours.Value);
        Assert.Equal(Liam, conflict.TheirUserId);
        Assert.Equal(Later, conflict.TheirTimeUtc);
        Assert.Equal("No", AnswerTo(assessment, 1).Value);
        Assert.Equal(2, AnswerTo(assessment, 1).Revision);
        Assert.Equal(2, assessment.Version);
    }

    [Fact]
    public void A_conflict_on_one_answer_does_not_stop_the_other_changes_in_the_same_save()
    {
        var assessment = SavedOnce();
        assessment.SaveDraft([Change(1, Answer("No"), 1, Answer("Yes"))], Liam, Later);

        var outcome = assessment.SaveDraft(
            [Change(1, Answer("Partial"), 1, Answer("Yes")), Change(2, Answer("Yes"), 1, Answer("No"))], Priya, Later.AddMinutes(1));

        Assert.Equal(1, outcome.Applied);
        Assert.Equal(1, Assert.Single(outcome.Conflicts).CriterionId);
        Assert.Equal("Yes", AnswerTo(assessment, 2).Value);
    }

    [Fact]
    public void Saving_what_someone_else_already_saved_is_neither_applied_nor_a_conflict()
    {
        var assessment = SavedOnce();
        assessment.SaveDraft([Change(1, Answer("No"), 1, Answer("Yes"))], Liam, Later);

        var outcome = assessment.SaveDraft([Change(1, Answer("No"), 1, Answer("Yes"))], Priya, Later.AddMinutes(1));

        Assert.Equal(0, outcome.Applied);
        Assert.Empty(outcome.Conflicts);
        Assert.Equal(2, AnswerTo(assessment, 1).Revision);
    }

    [Fact]
    public void Two_tabs_that_change_different_answers_both_keep_their_changes()
    {
        var assessment = SavedOnce();
        // Both tabs were opened on the same saved return: criterion 1 "Yes" (rev 1), criterion 2 "No" (rev 1).
        var tabA = new[] { Change(1, Answer("Partial"), 1, Answer("Yes")), Change(2, Answer("No"), 1, Answer("No")) };
        var tabB = new[] { Change(1, Answer("Yes"), 1, Answer("Yes")), Change(2, Answer("Yes"), 1, Answer("No")) };

        var first = assessment.SaveDraft(tabA, Priya, Later);
        var second = assessment.SaveDraft(tabB, Liam, Later.AddMinutes(1));

        Assert.Empty(first.Conflicts);
        Assert.Empty(second.Conflicts);
        Assert.Equal("Partial", AnswerTo(assessment, 1).Value);
        Assert.Equal("Yes", AnswerTo(assessment, 2).Value);
        Assert.Equal(3, assessment.Version);
    }

    [Fact]
    public void A_revision_claimed_for_an_answer_that_does_not_exist_saves_it_instead_of_crashing()
    {
        // A form can post any BaseRevision (it is a hidden field). With no saved answer there is nothing
        // to overwrite, so the answer is kept rather than thrown away or crashing the page.
        var assessment = NewAssessment();

        var outcome = assessment.SaveDraft([Change(1, Answer("Yes"), 3, Answer("No"))], Priya, Now);

        Assert.Equal(1, outcome.Applied);
        Assert.Empty(outcome.Conflicts);
        Assert.Equal("Yes", AnswerTo(assessment, 1).Value);
    }

    [Fact]
    public void A_save_that_applies_nothing_leaves_the_return_not_started()
    {
        var assessment = NewAssessment();

        var outcome = assessment.SaveDraft([Change(1, Empty, 0, Empty)], Priya, Now);

        Assert.Equal(0, outcome.Applied);
        Assert.Equal(AssessmentStatus.NotStarted, assessment.Status);
        Assert.Equal(0, assessment.Version);
        Assert.Empty(assessment.Answers);
    }

    [Fact]
    public void Submit_records_the_score_and_RAG_and_bumps_the_version()
    {
        var assessment = SavedOnce();
        var card = PassingCard();

        assessment.Submit(Priya, Later, card);

        Assert.Equal(AssessmentStatus.Submitted, assessment.Status);
        Assert.Equal(card.Score, assessment.Score);
        Assert.Equal(Rag.Green, assessment.Rag);
        Assert.Equal(Later, assessment.SubmittedAtUtc);
        Assert.Equal(Priya, assessment.SubmittedByUserId);
        Assert.Equal(2, assessment.Version);
        Assert.False(assessment.IsEditable);
    }

    [Fact]
    public void A_submitted_return_refuses_a_draft_save()
    {
        var assessment = SavedOnce();
        assessment.Submit(Priya, Later, PassingCard());

        Assert.Throws<InvalidOperationException>(() =>
            assessment.SaveDraft([Change(1, Answer("No"), 1, Answer("Yes"))], Priya, Later.AddMinutes(1)));
        Assert.Equal("Yes", AnswerTo(assessment, 1).Value);
    }

    [Fact]
    public void Submitting_twice_throws()
    {
        var assessment = SavedOnce();
        assessment.Submit(Priya, Later, PassingCard());

        Assert.Throws<InvalidOperationException>(() => assessment.Submit(Priya, Later.AddMinutes(1), PassingCard()));
    }

    [Fact]
    public void A_return_with_validation_errors_cannot_be_submitted()
    {
        var assessment = SavedOnce();
        var template = Template(Criterion(3, Spec(AnswerType.YesNo, "Yes") with { Required = true }));
        var card = Score(template, Answers());

        Assert.Throws<InvalidOperationException>(() => assessment.Submit(Priya, Later, card));
        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
    }

    private static ScoreCard PassingCard() =>
        Score(Template(Criterion(1, AnswerType.YesNo, "Yes"), Criterion(2, AnswerType.YesNo, "Yes")), Answers((1, "Yes"), (2, "Yes")));
}
