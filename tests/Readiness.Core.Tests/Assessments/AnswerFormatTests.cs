using Readiness.Core.Assessments;
using Readiness.Core.Templates;
using static Readiness.Core.Tests.TestData.Builders;

namespace Readiness.Core.Tests.Assessments;

/// <summary>Malformed answers, evidence links, canonical choices and "T-7" offsets.</summary>
public class AnswerFormatTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("twelve")]
    [InlineData("1e3")]
    public void Number_that_is_not_a_number_asks_for_a_number(string value)
    {
        var check = Check(Criterion(1, AnswerType.Number, "4"), value);

        var problem = Assert.Single(check.FormatProblems);
        Assert.Equal(AnswerField.Value, problem.Field);
        Assert.Equal("Enter a number, like 12 or 12.5.", problem.Message);
        Assert.True(check.Answered);
        Assert.Null(check.Passed);
        Assert.Equal(0m, check.Fraction);
    }

    [Theory]
    [InlineData("201")]
    [InlineData("-1")]
    public void Number_outside_its_range_names_the_range(string value)
    {
        var check = Check(Criterion(1, Spec(AnswerType.Number, "4") with { RangeMin = 0, RangeMax = 200 }), value);

        var problem = Assert.Single(check.FormatProblems);
        Assert.Equal("Enter a number from 0 to 200.", problem.Message);
        Assert.Null(check.Passed);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("200")]
    public void Number_on_the_edge_of_its_range_is_accepted(string value)
    {
        var check = Check(Criterion(1, Spec(AnswerType.Number, null) with { RangeMin = 0, RangeMax = 200 }), value);

        Assert.Empty(check.FormatProblems);
    }

    [Fact]
    public void Number_below_a_minimum_only_range_is_not_told_an_artificial_upper_limit()
    {
        // A template may set only "range": { "min": 0 } (the seed validator allows it).
        var check = Check(Criterion(1, Spec(AnswerType.Number, null) with { RangeMin = 0 }), "-3");

        var problem = Assert.Single(check.FormatProblems);
        Assert.DoesNotContain(decimal.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-5")]
    [InlineData("150%")]
    public void Percentage_outside_0_to_100_is_refused(string value)
    {
        var check = Check(Criterion(1, AnswerType.Percentage, "90"), value);

        var problem = Assert.Single(check.FormatProblems);
        Assert.Equal(AnswerField.Value, problem.Field);
        Assert.Equal("Enter a number from 0 to 100.", problem.Message);
        Assert.Null(check.Passed);
        Assert.Equal(0m, check.Fraction);
    }

    [Fact]
    public void Percentage_that_is_not_a_number_asks_for_a_percentage()
    {
        var check = Check(Criterion(1, AnswerType.Percentage, "90"), "most");

        var problem = Assert.Single(check.FormatProblems);
        Assert.Equal("Enter a percentage as a number from 0 to 100, like 85.", problem.Message);
    }

    [Theory]
    [InlineData("2026-13-40")]
    [InlineData("2026-02-30")]
    [InlineData("08/06/2026")]
    [InlineData("next week")]
    public void Date_that_is_not_a_real_yyyy_mm_dd_date_asks_for_one(string value)
    {
        var check = Check(Criterion(1, AnswerType.Date, "T-7"), value);

        var problem = Assert.Single(check.FormatProblems);
        Assert.Equal(AnswerField.Value, problem.Field);
        Assert.Equal("Enter a date as day, month and year, like 2026-12-01.", problem.Message);
        Assert.Null(check.Passed);
        Assert.Equal(0m, check.Fraction);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("www.x")]
    [InlineData("ftp://files.example/plan.docx")]
    [InlineData("file:///etc/passwd")]
    [InlineData("plan.docx")]
    public void EvidenceLink_answer_that_is_not_an_http_address_is_refused(string value)
    {
        var check = Check(Criterion(1, AnswerType.EvidenceLink, null), value);

        var problem = Assert.Single(check.FormatProblems);
        Assert.Equal(AnswerField.Value, problem.Field);
        Assert.Equal("Enter a full web address starting with https:// or http://.", problem.Message);
        Assert.Null(check.Passed);
        Assert.Equal(0m, check.Fraction);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("www.x")]
    public void An_evidence_link_that_is_not_an_http_address_is_a_problem_on_the_evidence_field(string link)
    {
        var check = Check(Criterion(1, AnswerType.YesNo, "Yes"), "Yes", link);

        var problem = Assert.Single(check.FormatProblems);
        Assert.Equal(AnswerField.EvidenceLink, problem.Field);
        Assert.Equal("Enter the evidence link as a full web address starting with https:// or http://.", problem.Message);
    }

    [Fact]
    public void A_bad_evidence_link_does_not_change_whether_the_value_passes()
    {
        var check = Check(Criterion(1, AnswerType.YesNo, "Yes"), "Yes", "www.x");

        Assert.True(check.Passed);
        Assert.Equal(1m, check.Fraction);
    }

    [Fact]
    public void A_bad_evidence_link_is_reported_even_when_the_value_is_empty()
    {
        var check = Check(Criterion(1, AnswerType.YesNo, "Yes"), "", "javascript:alert(1)");

        Assert.False(check.Answered);
        Assert.Equal(AnswerField.EvidenceLink, Assert.Single(check.FormatProblems).Field);
    }

    [Fact]
    public void An_https_evidence_link_is_accepted()
    {
        var check = Check(Criterion(1, AnswerType.YesNo, "Yes"), "Yes", "https://sharepoint.example/sites/connect/tna.xlsx");

        Assert.Empty(check.FormatProblems);
    }

    [Theory]
    [InlineData(AnswerType.YesNo, "yes", "Yes")]
    [InlineData(AnswerType.YesNo, "NO", "No")]
    [InlineData(AnswerType.YesNoPartial, " partial ", "Partial")]
    [InlineData(AnswerType.Rag, "amber", "Amber")]
    public void Canonical_spells_a_choice_as_the_list_does(AnswerType type, string typed, string stored)
    {
        Assert.Equal(stored, AnswerRules.Canonical(type, typed));
    }

    [Theory]
    [InlineData(AnswerType.YesNo, "Maybe", "Maybe")]
    [InlineData(AnswerType.Number, " 12 ", "12")]
    [InlineData(AnswerType.Text, " Briefings on nights ", "Briefings on nights")]
    public void Canonical_passes_other_values_through_trimmed(AnswerType type, string typed, string stored)
    {
        Assert.Equal(stored, AnswerRules.Canonical(type, typed));
    }

    [Theory]
    [InlineData("T-7", -7)]
    [InlineData("T-28", -28)]
    [InlineData("T0", 0)]
    [InlineData("T+3", 3)]
    [InlineData("T+28", 28)]
    public void TryParseOffset_reads_days_relative_to_go_live(string text, int days)
    {
        Assert.True(AnswerRules.TryParseOffset(text, out var parsed));
        Assert.Equal(days, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("T")]
    [InlineData("-7")]
    [InlineData("t-7")]
    [InlineData("T-seven")]
    [InlineData("2026-06-08")]
    public void TryParseOffset_refuses_anything_else(string? text)
    {
        Assert.False(AnswerRules.TryParseOffset(text, out _));
    }
}
