using Readiness.Core.Assessments;
using Readiness.Core.Templates;
using static Readiness.Core.Tests.TestData.Builders;

namespace Readiness.Core.Tests.Assessments;

/// <summary>The pass rule and the score fraction of each answer type, against the criterion's minimum pass.</summary>
public class AnswerRulesTests
{
    [Theory]
    [InlineData("Yes", true, 1.0)]
    [InlineData("No", false, 0.0)]
    public void YesNo_passes_only_on_Yes_and_scores_Yes_as_one_and_No_as_zero(string value, bool passes, double fraction)
    {
        var check = Check(Criterion(1, AnswerType.YesNo, "Yes"), value);

        Assert.True(check.Answered);
        Assert.Equal(passes, check.Passed);
        Assert.Equal((decimal)fraction, check.Fraction);
        Assert.Empty(check.FormatProblems);
    }

    [Fact]
    public void YesNo_accepts_an_answer_in_any_letter_case()
    {
        var check = Check(Criterion(1, AnswerType.YesNo, "Yes"), "yes");

        Assert.True(check.Passed);
        Assert.Empty(check.FormatProblems);
    }

    [Theory]
    [InlineData("Yes", true, 1.0)]
    [InlineData("Partial", true, 0.5)]
    [InlineData("No", false, 0.0)]
    public void YesNoPartial_with_minimum_Partial_passes_Yes_and_Partial(string value, bool passes, double fraction)
    {
        var check = Check(Criterion(1, AnswerType.YesNoPartial, "Partial"), value);

        Assert.Equal(passes, check.Passed);
        Assert.Equal((decimal)fraction, check.Fraction);
    }

    [Fact]
    public void YesNoPartial_with_minimum_Yes_fails_Partial_but_still_scores_half()
    {
        var check = Check(Criterion(1, AnswerType.YesNoPartial, "Yes"), "Partial");

        Assert.False(check.Passed);
        Assert.Equal(0.5m, check.Fraction);
    }

    [Theory]
    [InlineData("Green", true, 1.0)]
    [InlineData("Amber", true, 0.5)]
    [InlineData("Red", false, 0.0)]
    public void Rag_with_minimum_Amber_passes_Green_and_Amber(string value, bool passes, double fraction)
    {
        var check = Check(Criterion(1, AnswerType.Rag, "Amber"), value);

        Assert.Equal(passes, check.Passed);
        Assert.Equal((decimal)fraction, check.Fraction);
    }

    [Fact]
    public void Rag_with_minimum_Green_fails_Amber()
    {
        var check = Check(Criterion(1, AnswerType.Rag, "Green"), "Amber");

        Assert.False(check.Passed);
    }

    [Theory]
    [InlineData("YesNo", "Maybe", "Choose one of: Yes, No.")]
    [InlineData("YesNoPartial", "Mostly", "Choose one of: Yes, Partial, No.")]
    [InlineData("Rag", "Blue", "Choose one of: Green, Amber, Red.")]
    public void A_choice_outside_the_list_is_a_value_problem_that_lists_the_choices(string type, string value, string message)
    {
        var check = Check(Criterion(1, Enum.Parse<AnswerType>(type), null), value);

        var problem = Assert.Single(check.FormatProblems);
        Assert.Equal(AnswerField.Value, problem.Field);
        Assert.Equal(message, problem.Message);
        Assert.Null(check.Passed);
        Assert.Equal(0m, check.Fraction);
    }

    [Theory]
    [InlineData("90", true, 0.9)]
    [InlineData("100", true, 1.0)]
    [InlineData("89.5", false, 0.895)]
    [InlineData("0", false, 0.0)]
    public void Percentage_passes_at_or_above_the_minimum_and_scores_its_own_fraction(string value, bool passes, double fraction)
    {
        var check = Check(Criterion(1, AnswerType.Percentage, "90"), value);

        Assert.Equal(passes, check.Passed);
        Assert.Equal((decimal)fraction, check.Fraction);
        Assert.Empty(check.FormatProblems);
    }

    [Fact]
    public void Percentage_accepts_a_trailing_percent_sign()
    {
        var check = Check(Criterion(1, AnswerType.Percentage, "80"), "85%");

        Assert.True(check.Passed);
        Assert.Equal(0.85m, check.Fraction);
    }

    [Fact]
    public void Percentage_without_a_minimum_pass_passes_any_valid_value()
    {
        var check = Check(Criterion(1, AnswerType.Percentage, null), "12");

        Assert.True(check.Passed);
        Assert.Equal(0.12m, check.Fraction);
    }

    [Theory]
    [InlineData("4", true)]
    [InlineData("12.5", true)]
    [InlineData("3", false)]
    public void Number_passes_at_or_above_the_minimum_and_scores_all_or_nothing(string value, bool passes)
    {
        var check = Check(Criterion(1, Spec(AnswerType.Number, "4") with { RangeMin = 0, RangeMax = 200 }), value);

        Assert.Equal(passes, check.Passed);
        Assert.Equal(passes ? 1m : 0m, check.Fraction);
        Assert.Empty(check.FormatProblems);
    }

    [Fact]
    public void Number_without_a_range_accepts_a_large_value()
    {
        var check = Check(Criterion(1, AnswerType.Number, "4"), "250000");

        Assert.True(check.Passed);
        Assert.Empty(check.FormatProblems);
    }

    [Theory]
    [InlineData("2026-06-08", true)]
    [InlineData("2026-05-01", true)]
    [InlineData("2026-06-09", false)]
    [InlineData("2026-06-15", false)]
    public void Date_with_minimum_T_minus_7_passes_on_or_before_seven_days_before_go_live(string value, bool passes)
    {
        // Go-live is 2026-06-15, so T-7 is 2026-06-08.
        var check = Check(Criterion(1, AnswerType.Date, "T-7"), value);

        Assert.Equal(passes, check.Passed);
        Assert.Equal(passes ? 1m : 0m, check.Fraction);
        Assert.Empty(check.FormatProblems);
    }

    [Fact]
    public void Date_with_minimum_T0_passes_on_the_go_live_day()
    {
        var check = Check(Criterion(1, AnswerType.Date, "T0"), "2026-06-15");

        Assert.True(check.Passed);
    }

    [Fact]
    public void Date_without_a_minimum_pass_passes_any_valid_date()
    {
        var check = Check(Criterion(1, AnswerType.Date, null), "2027-01-31");

        Assert.True(check.Passed);
        Assert.Equal(1m, check.Fraction);
    }

    [Fact]
    public void Text_is_answered_but_neither_passes_nor_fails_nor_scores()
    {
        var check = Check(Criterion(1, AnswerType.Text, null), "We will run extra briefings on nights.");

        Assert.True(check.Answered);
        Assert.Null(check.Passed);
        Assert.Null(check.Fraction);
        Assert.Empty(check.FormatProblems);
    }

    [Theory]
    [InlineData("https://sharepoint.example/sites/connect/training-plan.docx")]
    [InlineData("http://intranet.example/readiness/plan")]
    public void EvidenceLink_answer_with_a_web_address_passes_and_scores_one(string value)
    {
        var check = Check(Criterion(1, AnswerType.EvidenceLink, null), value);

        Assert.True(check.Passed);
        Assert.Equal(1m, check.Fraction);
        Assert.Empty(check.FormatProblems);
    }

    [Theory]
    [InlineData(AnswerType.YesNo)]
    [InlineData(AnswerType.Percentage)]
    [InlineData(AnswerType.Date)]
    [InlineData(AnswerType.Text)]
    public void An_empty_value_is_unanswered_and_scores_zero(AnswerType type)
    {
        var check = Check(Criterion(1, type, null), "");

        Assert.False(check.Answered);
        Assert.Null(check.Passed);
        Assert.Equal(0m, check.Fraction);
        Assert.Empty(check.FormatProblems);
    }

    [Fact]
    public void A_value_of_only_spaces_is_unanswered()
    {
        var check = Check(Criterion(1, AnswerType.YesNo, "Yes"), "   ");

        Assert.False(check.Answered);
    }

    [Fact]
    public void ChoicesFor_lists_choices_best_first_and_nothing_for_free_form_types()
    {
        Assert.Equal(["Yes", "Partial", "No"], AnswerRules.ChoicesFor(AnswerType.YesNoPartial));
        Assert.Equal(["Green", "Amber", "Red"], AnswerRules.ChoicesFor(AnswerType.Rag));
        Assert.Empty(AnswerRules.ChoicesFor(AnswerType.Number));
    }
}
