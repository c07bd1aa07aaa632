using System.Text.Json.Nodes;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Startup;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Infrastructure.Tests.Seeding;

/// <summary>seed-data/benefits.json is validated like the other seed files: a bad file stops start-up naming file, path and fix.</summary>
public sealed class BenefitSeedTests : IDisposable
{
    private readonly SeedFolder _seed = new();

    public void Dispose() => _seed.Dispose();

    private string ReadFails()
    {
        var set = _seed.Read();
        return Assert.Throws<StartupValidationException>(() => BenefitSeeder.Read(_seed.Root, set, IndicatorSeeder.Read(_seed.Root, set))).Message;
    }

    [Fact]
    public void The_shipped_benefits_file_is_valid()
    {
        var set = _seed.Read();

        var doc = BenefitSeeder.Read(_seed.Root, set, IndicatorSeeder.Read(_seed.Root, set));

        Assert.True(doc!.Benefits.Count >= 5);
    }

    [Fact]
    public void A_release_of_another_programme_an_unknown_area_and_a_non_bcm_owner_are_each_named_with_the_fix()
    {
        _seed.Edit(BenefitSeeder.File, doc =>
        {
            var first = doc["benefits"]![0]!;
            first["releases"] = new JsonArray("CONNECT-P1");
            first["areas"] = new JsonArray("NOWHERE");
            first["owner"] = "tl.tdiu@readiness.demo";
        });

        var message = ReadFails();

        Assert.Contains("benefits.json: $.benefits[0].releases[0]: 'CONNECT-P1' is not a release of THRIVE. Use one of: THRIVE-BCU.", message, StringComparison.Ordinal);
        Assert.Contains("benefits.json: $.benefits[0].areas[0]: Unknown business area 'NOWHERE'.", message, StringComparison.Ordinal);
        Assert.Contains("benefits.json: $.benefits[0].owner: 'tl.tdiu@readiness.demo' is not a BCM in users.json.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_rules_a_future_measurement_and_an_indicator_in_another_unit_are_refused()
    {
        _seed.Edit(BenefitSeeder.File, doc =>
        {
            doc["benefits"]![0]!["target"] = 45;
            doc["benefits"]![0]!["measurements"]![0]!["day"] = 40;
            doc["benefits"]![1]!["unit"] = "minutes";
        });

        var message = ReadFails();

        Assert.Contains("$.benefits[0].target: The target must differ from the baseline", message, StringComparison.Ordinal);
        Assert.Contains("$.benefits[0].measurements[0].day: Day 40 after THRIVE-BCU's go-live is in the future when the demo is first seeded. Use 21 or less.", message, StringComparison.Ordinal);
        Assert.Contains("$.benefits[1].leadIndicator: The indicator is in seconds and the benefit in 'minutes'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_field_is_refused_with_its_path()
    {
        _seed.Edit(BenefitSeeder.File, doc => doc["benefits"]![0]!["targt"] = 50);

        Assert.Contains("benefits.json: $.benefits[0].targt", ReadFails(), StringComparison.Ordinal);
    }
}
