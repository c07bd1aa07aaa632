using System.Text.Json.Nodes;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Startup;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Infrastructure.Tests.Seeding;

/// <summary>SeedReader.Read on the real seed-data and on files that are missing, malformed or mis-shaped.</summary>
public sealed class SeedReadingTests : IDisposable
{
    private readonly SeedFolder _seed = new();

    public void Dispose() => _seed.Dispose();

    /// <summary>The business-readiness template of a read seed set (the folder also holds the post-go-live review's).</summary>
    private static (string File, TemplateDocument Template, string ContentHash) Readiness(SeedSet set) =>
        set.Templates.Single(t => t.Template.Key == "business-readiness");

    [Fact]
    public void The_real_seed_data_reads_without_problems()
    {
        var set = _seed.Read();

        Assert.NotEmpty(set.Areas.Areas);
        Assert.NotEmpty(set.Users.Users);
        Assert.NotEmpty(set.Portfolio.Programmes);
        Assert.Equal(["business-readiness", "post-go-live-review"], set.Templates.Select(t => t.Template.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_real_template_has_at_least_40_criteria_each_with_guidance_and_expected_evidence()
    {
        var template = Readiness(_seed.Read()).Template;
        var criteria = template.Sections.SelectMany(s => s.Criteria).ToList();

        Assert.True(criteria.Count >= 40, $"The template has {criteria.Count} criteria.");
        Assert.All(criteria, c => Assert.False(string.IsNullOrWhiteSpace(c.Guidance), $"{c.Code} has no guidance."));
        Assert.All(criteria, c => Assert.False(string.IsNullOrWhiteSpace(c.ExpectedEvidence), $"{c.Code} has no expected evidence."));
    }

    [Fact]
    public void The_content_hash_ignores_whitespace_but_not_meaning()
    {
        var original = Readiness(_seed.Read()).ContentHash;

        _seed.Edit(SeedFolder.TemplateFile, _ => { }); // re-indented, same meaning
        var reformatted = Readiness(_seed.Read()).ContentHash;
        _seed.Edit(SeedFolder.TemplateFile, t => t["name"] = "Business readiness (revised)");
        var changed = Readiness(_seed.Read()).ContentHash;

        Assert.Equal(original, reformatted);
        Assert.NotEqual(original, changed);
    }

    [Fact]
    public void Malformed_json_names_the_file_and_the_line()
    {
        _seed.Write(SeedReader.AreasFile, """
            {
              "areas": [
                { "code": "FLP", "name": "Frontline Policing", "kind": "Directorate" }
                { "code": "DP", "name": "Digital Policing", "kind": "Directorate" }
              ]
            }
            """);

        var message = _seed.ReadFails();

        Assert.Contains("business-areas.json: $.areas[1] (line 4):", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_property_name_is_reported_with_its_path()
    {
        _seed.Edit(SeedReader.AreasFile, doc =>
        {
            var area = doc["areas"]![0]!.AsObject();
            area.Remove("name");
            area["nmae"] = "Frontline Policing";
        });

        var message = _seed.ReadFails();

        Assert.Contains("business-areas.json: $.areas[0].nmae", message, StringComparison.Ordinal);
        Assert.Contains("'nmae' could not be mapped", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_property_is_reported_by_name()
    {
        _seed.Edit(SeedReader.UsersFile, doc => doc["users"]![2]!.AsObject().Remove("email"));

        var message = _seed.ReadFails();

        Assert.Contains("users.json: $.users[2]", message, StringComparison.Ordinal);
        Assert.Contains("missing required properties including: 'email'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_with_its_path()
    {
        _seed.Edit(SeedFolder.TemplateFile, doc => SeedFolder.FindCriterion(doc, "PT-01").Criterion["weight"] = "three");

        var message = _seed.ReadFails();

        Assert.Contains("templates/business-readiness.v1.json: $.sections[0].criteria[0].weight", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_for_a_required_value_is_reported_with_its_path()
    {
        _seed.Edit(SeedReader.PortfolioFile, doc => SeedFolder.FirstRelease(doc)["name"] = null);

        var message = _seed.ReadFails();

        Assert.Contains("portfolio.json: $.programmes[0].releases[0].name", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SeedReader.AreasFile)]
    [InlineData(SeedReader.UsersFile)]
    [InlineData(SeedReader.PortfolioFile)]
    public void A_missing_file_is_reported_by_name(string file)
    {
        _seed.Delete(file);

        var message = _seed.ReadFails();

        Assert.Contains($"{file}: $: The file is missing.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_templates_folder_without_templates_is_reported()
    {
        _seed.Delete(SeedFolder.TemplateFile);
        _seed.Delete(SeedFolder.ReviewTemplateFile);

        var message = _seed.ReadFails();

        Assert.Contains("templates: $: No questionnaire template found.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_folder_that_does_not_exist_is_reported_with_the_setting_to_fix()
    {
        var missing = Path.Combine(_seed.Root, "nowhere");

        var ex = Assert.Throws<StartupValidationException>(() => SeedReader.Read(missing));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Seed:Path", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_in_several_files_are_reported_at_once_with_their_count()
    {
        _seed.Edit(SeedReader.AreasFile, doc => doc["areas"]![0]!["kind"] = "Region");
        _seed.Edit(SeedReader.PortfolioFile, doc => SeedFolder.FirstRelease(doc)["impacts"]![0]!["area"] = "ATLANTIS");
        var textCriterion = "";
        _seed.Edit(SeedFolder.TemplateFile, doc =>
        {
            var (criterion, path) = SeedFolder.FindCriterion(doc, "CE-05");
            criterion["blocking"] = true;
            textCriterion = path;
        });

        var message = _seed.ReadFails();

        Assert.Contains("has 3 problem(s); nothing was loaded", message, StringComparison.Ordinal);
        Assert.Contains("business-areas.json: $.areas[0].kind:", message, StringComparison.Ordinal);
        Assert.Contains("portfolio.json: $.programmes[0].releases[0].impacts[0].area:", message, StringComparison.Ordinal);
        Assert.Contains($"templates/business-readiness.v1.json: {textCriterion}.blocking:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_30_problems_are_counted_and_the_rest_summarised()
    {
        _seed.Edit(SeedFolder.TemplateFile, doc =>
        {
            foreach (var section in doc["sections"]!.AsArray())
                foreach (var criterion in section!["criteria"]!.AsArray())
                    criterion!["weight"] = 9;
        });
        var count = JsonNode.Parse(File.ReadAllText(_seed.PathOf(SeedFolder.TemplateFile)))!["sections"]!.AsArray()
            .Sum(s => s!["criteria"]!.AsArray().Count);

        var message = _seed.ReadFails();

        Assert.Contains($"has {count} problem(s)", message, StringComparison.Ordinal);
        Assert.Contains($"… and {count - 30} more.", message, StringComparison.Ordinal);
    }
}
