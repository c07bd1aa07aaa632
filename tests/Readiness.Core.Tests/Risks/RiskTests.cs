using Readiness.Core.Risks;

namespace Readiness.Core.Tests.Risks;

/// <summary>The 5 × 5 scoring and the invariants a risk keeps through its methods.</summary>
public sealed class RiskTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc);

    private static RiskDetails Details(RiskLevel level = RiskLevel.Release, int? programme = null, IReadOnlyCollection<int>? releases = null, RiskStatus status = RiskStatus.Open) =>
        new(level, programme, "Records not migrated", "Nine legacy systems", "Records incomplete", "Paper fallback", "owner", RiskProximity.WithinAMonth,
            "Rehearsals", new DateOnly(2026, 12, 18), status, releases ?? [7], [3]);

    [Theory]
    [InlineData(1, 1, 1, RiskBand.Low)]
    [InlineData(2, 2, 4, RiskBand.Low)]
    [InlineData(1, 5, 5, RiskBand.Medium)]
    [InlineData(3, 3, 9, RiskBand.Medium)]
    [InlineData(2, 5, 10, RiskBand.High)]
    [InlineData(3, 4, 12, RiskBand.High)]
    [InlineData(3, 5, 15, RiskBand.VeryHigh)]
    [InlineData(5, 5, 25, RiskBand.VeryHigh)]
    public void The_score_is_likelihood_times_impact_in_four_bands(int likelihood, int impact, int score, RiskBand band)
    {
        Assert.Equal(score, RiskScoring.Score(likelihood, impact));
        Assert.Equal(band, RiskScoring.Band(score));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(3, 0)]
    [InlineData(3, 6)]
    public void A_rating_outside_one_to_five_is_refused(int likelihood, int impact)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskScoring.Score(likelihood, impact));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Risk(Details(), likelihood, impact, "pmo", Now));
    }

    [Fact]
    public void The_first_score_and_every_change_are_in_the_history_and_an_unchanged_score_adds_nothing()
    {
        var risk = new Risk(Details(), 4, 5, "pmo", Now);

        var same = risk.Rescore(4, 5, "owner", Now.AddDays(1));
        var lower = risk.Rescore(3, 5, "owner", Now.AddDays(2));

        Assert.False(same);
        Assert.True(lower);
        Assert.Equal([(4, 5, 20, "pmo"), (3, 5, 15, "owner")], risk.ScoreHistory.Select(h => (h.Likelihood, h.Impact, h.Score, h.ChangedByUserId)));
        Assert.Equal(15, risk.Score);
    }

    [Fact]
    public void A_programme_risk_names_its_programme_and_a_release_risk_a_release()
    {
        Assert.Throws<InvalidOperationException>(() => new Risk(Details(RiskLevel.Programme, programme: null), 2, 2, "pmo", Now));
        Assert.Throws<InvalidOperationException>(() => new Risk(Details(RiskLevel.Release, releases: []), 2, 2, "pmo", Now));
        Assert.Null(new Risk(Details(RiskLevel.Portfolio, programme: 5, releases: []), 2, 2, "pmo", Now).ProgrammeId); // only a programme risk keeps one
    }

    [Fact]
    public void Editing_replaces_the_links_and_moves_the_version_and_an_action_is_done_once()
    {
        var risk = new Risk(Details(), 4, 5, "pmo", Now);
        var version = risk.Version;

        risk.Edit(Details(releases: [7, 8]) with { AreaIds = [] }, Now.AddDays(1));
        risk.AddAction("Rehearse again", "analyst", new DateOnly(2026, 12, 10), Now);

        Assert.Equal([7, 8], risk.Releases.Select(r => r.ReleaseId).Order());
        Assert.Empty(risk.Areas);
        Assert.True(risk.Version > version);
        Assert.Single(risk.Actions);
        Assert.Throws<InvalidOperationException>(() => risk.CompleteAction(99, "analyst", Now)); // not its action
    }

    [Theory]
    [InlineData(RiskStatus.Open, 4, 4, true)]
    [InlineData(RiskStatus.Open, 3, 5, true)]
    [InlineData(RiskStatus.Open, 3, 4, false)]
    [InlineData(RiskStatus.Mitigated, 5, 5, false)]
    [InlineData(RiskStatus.Realised, 5, 5, false)]
    public void Only_an_open_risk_at_or_above_the_threshold_must_be_acknowledged(RiskStatus status, int likelihood, int impact, bool must)
    {
        var risk = new Risk(Details(status: status), likelihood, impact, "pmo", Now);

        Assert.Equal(must, risk.MustBeAcknowledged(15));
    }
}
