using System.Text.Json.Nodes;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Startup;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Infrastructure.Tests.Seeding;

/// <summary>seed-data/risks.json is read like the other seed files: a bad file stops start-up naming the file, the JSON path and the fix.</summary>
public sealed class RiskSeedTests : IDisposable
{
    private readonly SeedFolder _seed = new();

    public void Dispose() => _seed.Dispose();

    private string ReadFails() => Assert.Throws<StartupValidationException>(() => RiskSeeder.Read(_seed.Root, _seed.Read())).Message;

    [Fact]
    public void The_shipped_register_reads_with_the_reports_eight_portfolio_risks_and_a_high_CONNECT_release_risk()
    {
        var doc = RiskSeeder.Read(_seed.Root, _seed.Read())!;

        Assert.Equal(8, doc.Risks.Count(r => r.Level == "Portfolio"));
        Assert.Contains(doc.Risks, r => r.Level == "Release" && r.Releases!.Contains("CONNECT-P1") && r.Status == "Open" && r.Likelihood * r.Impact >= 15);
    }

    [Fact]
    public void Every_problem_is_named_by_its_path_with_what_to_do_and_nothing_is_read()
    {
        _seed.Edit(RiskSeeder.File, doc =>
        {
            var risk = doc["risks"]![9]!;
            risk["owner"] = "nobody@readiness.demo";
            risk["likelihood"] = 7;
            risk["releases"]![0] = "CONNECT-P9";
            doc["risks"]![0]!["status"] = "Worrying";
        });

        var message = ReadFails();

        Assert.Contains("has 4 problem(s)", message, StringComparison.Ordinal);
        Assert.Contains("risks.json: $.risks[9].owner: Unknown person 'nobody@readiness.demo'. Use an email from users.json.", message, StringComparison.Ordinal);
        Assert.Contains("risks.json: $.risks[9].likelihood: Use 1 (rare) to 5 (almost certain).", message, StringComparison.Ordinal);
        Assert.Contains("risks.json: $.risks[9].releases[0]: Unknown release 'CONNECT-P9'. Use a release code from portfolio.json.", message, StringComparison.Ordinal);
        Assert.Contains("risks.json: $.risks[0].status: 'Worrying' is not a status. Use Open, Mitigated, Closed, Realised.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_field_is_refused_with_its_line()
    {
        _seed.Edit(RiskSeeder.File, doc => doc["risks"]![1]!.AsObject().Add("ower", "pmo@readiness.demo"));

        var message = ReadFails();

        Assert.Contains("risks.json: $.risks[1].ower", message, StringComparison.Ordinal);
        Assert.Contains("line", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_file_there_are_no_demo_risks()
    {
        _seed.Delete(RiskSeeder.File);

        Assert.Null(RiskSeeder.Read(_seed.Root, _seed.Read()));
    }
}
