using System.Text.Json.Nodes;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Infrastructure.Tests.Seeding;

/// <summary>The meaning checks of SeedValidator, one broken rule at a time in a copy of the real seed-data.</summary>
public sealed class SeedValidationTests : IDisposable
{
    private const string Template = SeedFolder.TemplateFile;
    private const string Release = "$.programmes[0].releases[0]";

    private readonly SeedFolder _seed = new();

    public void Dispose() => _seed.Dispose();

    /// <summary>Changes one criterion of the template and returns its JSON path.</summary>
    private string EditCriterion(string code, Action<JsonObject> change)
    {
        var path = "";
        _seed.Edit(Template, doc =>
        {
            var (criterion, p) = SeedFolder.FindCriterion(doc, code);
            change(criterion);
            path = p;
        });
        return path;
    }

    private static void AssertSingleProblem(string message, string expected)
    {
        Assert.Contains("has 1 problem(s)", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_business_area_code_used_twice_is_refused()
    {
        var index = 0;
        _seed.Edit(SeedReader.AreasFile, doc =>
        {
            var children = doc["areas"]![0]!["children"]!.AsArray();
            children.Add(new JsonObject { ["code"] = "LRT", ["name"] = "Local Resolution Teams (copy)", ["kind"] = "Unit" });
            index = children.Count - 1;
        });

        AssertSingleProblem(_seed.ReadFails(), $"business-areas.json: $.areas[0].children[{index}].code: Business area code 'LRT' is used twice.");
    }

    [Fact]
    public void A_business_area_code_in_lower_case_is_refused()
    {
        _seed.Edit(SeedReader.AreasFile, doc => doc["areas"]![4]!["code"] = "people");

        AssertSingleProblem(_seed.ReadFails(), "business-areas.json: $.areas[4].code: 'people' is not a valid code");
    }

    [Fact]
    public void A_training_capacity_is_checked_with_the_rules_of_the_pmos_page()
    {
        _seed.Edit(SeedReader.AreasFile, doc => doc["areas"]![1]!["children"]![0]!["trainingCapacity"]![1]!["bauSharePercent"] = 120);

        AssertSingleProblem(_seed.ReadFails(),
            "business-areas.json: $.areas[1].children[0].trainingCapacity[1].bauSharePercent: Enter the share reserved for business-as-usual training as a percentage, from 0 to 100.");
    }

    [Fact]
    public void Two_training_capacities_within_a_week_are_refused()
    {
        _seed.Edit(SeedReader.AreasFile, doc => doc["areas"]![1]!["children"]![0]!["trainingCapacity"]![1]!["fromDays"] = -25);

        AssertSingleProblem(_seed.ReadFails(), "business-areas.json: $.areas[1].children[0].trainingCapacity[1].fromDays: Two capacities start within a week of each other");
    }

    [Fact]
    public void An_impact_on_an_unknown_business_area_is_refused()
    {
        _seed.Edit(SeedReader.PortfolioFile, doc => SeedFolder.FirstRelease(doc)["impacts"]![1]!["area"] = "ATLANTIS");

        AssertSingleProblem(_seed.ReadFails(), $"portfolio.json: {Release}.impacts[1].area: Unknown business area 'ATLANTIS'.");
    }

    [Fact]
    public void A_release_that_impacts_the_same_area_twice_is_refused()
    {
        _seed.Edit(SeedReader.PortfolioFile, doc => SeedFolder.FirstRelease(doc)["impacts"]![1]!["area"] = "CUSTODY");

        AssertSingleProblem(_seed.ReadFails(), $"portfolio.json: {Release}.impacts[1].area: Area 'CUSTODY' is impacted twice");
    }

    [Theory]
    [InlineData("pmo@readiness.demo")]
    [InlineData("bcm.justice@readiness.demo")]
    [InlineData("nobody@readiness.demo")]
    public void A_release_sro_who_is_not_an_SRO_user_is_refused(string sro)
    {
        _seed.Edit(SeedReader.PortfolioFile, doc => SeedFolder.FirstRelease(doc)["sro"] = sro);

        AssertSingleProblem(_seed.ReadFails(), $"portfolio.json: {Release}.sro: '{sro}' is not a user with the SRO role in users.json.");
    }

    [Fact]
    public void A_team_lead_of_an_unknown_area_is_refused()
    {
        _seed.Edit(SeedReader.UsersFile, doc => doc["users"]![0]!["teamLeadOf"]![0] = "CUSTARD");

        AssertSingleProblem(_seed.ReadFails(), "users.json: $.users[0].teamLeadOf[0]: Unknown business area 'CUSTARD'.");
    }

    [Fact]
    public void An_unknown_role_is_refused()
    {
        _seed.Edit(SeedReader.UsersFile, doc => doc["users"]![4]!["roles"]![0] = "Admin");

        AssertSingleProblem(_seed.ReadFails(), "users.json: $.users[4].roles: 'Admin' is not a role.");
    }

    [Theory]
    [InlineData("Dropdown")]
    [InlineData("yesno")]
    public void An_unknown_answer_type_is_refused(string answerType)
    {
        var path = EditCriterion("PT-01", c => c["answerType"] = answerType);

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.answerType: '{answerType}' is not an answer type.");
    }

    [Theory]
    [InlineData("42")]
    [InlineData("8")]
    public void An_answer_type_written_as_a_number_that_is_no_answer_type_is_refused(string answerType)
    {
        // SM-05 has no minimum pass, so nothing else about it can go wrong. Enum.TryParse accepts any integer,
        // and such a criterion would make AnswerRules.Check throw "Unknown answer type" on the return page.
        var path = EditCriterion("SM-05", c => c["answerType"] = answerType);

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.answerType: '{answerType}' is not an answer type.");
    }

    [Theory]
    [InlineData("PT-06", "No", "For YesNo the minimum pass must be one of: Yes.")]
    [InlineData("PT-01", "Maybe", "For YesNoPartial the minimum pass must be one of: Yes, Partial.")]
    [InlineData("PR-05", "Red", "For Rag the minimum pass must be one of: Green, Amber.")]
    [InlineData("PT-02", "high", "For Percentage the minimum pass is a number written as a string, like \"90\".")]
    [InlineData("PT-03", "four", "For Number the minimum pass is a number written as a string, like \"90\".")]
    [InlineData("PT-05", "2026-06-01", "For Date the minimum pass is a day relative to go-live, like \"T-7\".")]
    [InlineData("SM-05", "Yes", "A EvidenceLink criterion has no minimum pass: remove it.")]
    [InlineData("CE-05", "Yes", "A Text criterion has no minimum pass: remove it.")]
    public void A_minimum_pass_that_does_not_fit_the_answer_type_is_refused(string code, string minimumPass, string problem)
    {
        var path = EditCriterion(code, c => c["minimumPass"] = minimumPass);

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.minimumPass: {problem}");
    }

    [Fact]
    public void A_choice_criterion_without_a_minimum_pass_is_refused()
    {
        var path = EditCriterion("PT-06", c => c.Remove("minimumPass"));

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.minimumPass: For YesNo the minimum pass must be one of: Yes.");
    }

    [Fact]
    public void A_range_on_a_YesNo_criterion_is_refused()
    {
        var path = EditCriterion("PT-06", c => c["range"] = new JsonObject { ["min"] = 0, ["max"] = 1 });

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.range: A range is allowed only on Number and Percentage criteria.");
    }

    [Fact]
    public void A_range_with_its_minimum_above_its_maximum_is_refused()
    {
        var path = EditCriterion("PT-03", c => c["range"] = new JsonObject { ["min"] = 10, ["max"] = 5 });

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.range: The range minimum is above its maximum.");
    }

    [Fact]
    public void A_unit_on_a_criterion_that_is_not_a_Number_is_refused()
    {
        var path = EditCriterion("PT-02", c => c["unit"] = "people");

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.unit: A unit is allowed only on Number criteria.");
    }

    [Fact]
    public void A_Text_criterion_marked_blocking_is_refused()
    {
        var path = EditCriterion("CE-05", c => c["blocking"] = true);

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.blocking: A Text criterion has no pass rule, so it cannot be blocking.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_weight_outside_1_to_5_is_refused(int weight)
    {
        var path = EditCriterion("PT-01", c => c["weight"] = weight);

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.weight: Weight must be a whole number from 1 to 5.");
    }

    [Theory]
    [InlineData("guidance", "Add guidance")]
    [InlineData("expectedEvidence", "Say what evidence proves the answer.")]
    public void A_criterion_with_blank_guidance_or_expected_evidence_is_refused(string property, string problem)
    {
        var path = EditCriterion("PT-04", c => c[property] = "  ");

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.{property}: {problem}");
    }

    [Fact]
    public void An_unknown_evidence_rule_is_refused()
    {
        var path = EditCriterion("PT-04", c => c["evidence"] = "Sometimes");

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.evidence: 'Sometimes' is not an evidence rule.");
    }

    [Fact]
    public void An_unknown_applies_if_impact_level_is_refused()
    {
        var path = EditCriterion("PT-03", c => c["appliesIf"] = new JsonObject { ["minImpactLevel"] = "Severe" });

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.appliesIf.minImpactLevel: 'Severe' is not an impact level.");
    }

    [Fact]
    public void A_criterion_code_used_twice_in_a_template_is_refused()
    {
        var path = EditCriterion("PT-02", c => c["code"] = "PT-01");

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: {path}.code: Criterion code 'PT-01' is used twice.");
    }

    [Fact]
    public void Thresholds_with_amber_above_green_are_refused()
    {
        _seed.Edit(Template, doc => doc["thresholds"] = new JsonObject { ["green"] = 60, ["amber"] = 70 });

        AssertSingleProblem(_seed.ReadFails(), $"{Template}: $.thresholds: Thresholds are scores from 0 to 100, with amber at or below green.");
    }

    [Fact]
    public void The_same_template_key_and_version_in_two_files_is_refused()
    {
        File.Copy(_seed.PathOf(Template), _seed.PathOf("templates/readiness-duplicate.json"));

        AssertSingleProblem(_seed.ReadFails(), "templates/readiness-duplicate.json: $.version: Template 'business-readiness' version 1 is defined twice.");
    }

    [Fact]
    public void A_second_version_of_a_template_is_accepted()
    {
        _seed.Edit(Template, _ => { });
        File.Copy(_seed.PathOf(Template), _seed.PathOf("templates/business-readiness.v2.json"));
        _seed.Edit("templates/business-readiness.v2.json", doc => doc["version"] = 2);

        Assert.Equal([1, 2], _seed.Read().Templates.Where(t => t.Template.Key == "business-readiness").Select(t => t.Template.Version).Order());
    }

    [Fact]
    public void A_gate_kind_that_refers_to_an_unknown_template_is_refused()
    {
        _seed.Edit(SeedReader.PortfolioFile, doc => doc["gateKinds"]![0]!["template"] = "go-live-readiness");

        AssertSingleProblem(_seed.ReadFails(), "portfolio.json: $.gateKinds[0].template: No template with key 'go-live-readiness' in templates/.");
    }

    [Fact]
    public void An_unknown_gate_kind_is_refused()
    {
        _seed.Edit(SeedReader.PortfolioFile, doc => doc["gateKinds"]![1]!["kind"] = "Launch");

        var message = _seed.ReadFails();

        Assert.Contains("portfolio.json: $.gateKinds[1].kind: 'Launch' is not a gate kind.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_gate_that_is_not_one_of_the_gate_kinds_is_refused()
    {
        _seed.Edit(SeedReader.PortfolioFile, doc => SeedFolder.FirstRelease(doc)["gates"] = new JsonArray("Readiness", "Launch"));

        AssertSingleProblem(_seed.ReadFails(), $"portfolio.json: {Release}.gates[1]: 'Launch' is not one of the gateKinds");
    }

    [Theory]
    [InlineData("hypercareWeeks", 27, "Hypercare weeks must be from 0 to 26.")]
    [InlineData("headcount", 0, "Headcount must be a whole number above 0.")]
    [InlineData("trainingHoursPerPerson", -1, "Training hours cannot be negative.")]
    public void An_impact_number_out_of_range_is_refused(string property, int value, string problem)
    {
        _seed.Edit(SeedReader.PortfolioFile, doc => SeedFolder.FirstRelease(doc)["impacts"]![0]![property] = value);

        AssertSingleProblem(_seed.ReadFails(), $"portfolio.json: {Release}.impacts[0].{property}: {problem}");
    }
}
