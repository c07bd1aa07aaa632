using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Core.Workflows;

namespace Readiness.Core.Portfolio;

/// <summary>The release page's tabs; each is a page of its own (its own address), so each loads only what it shows.</summary>
public enum ReleaseTab
{
    Overview,
    Returns,
    Pack,
    Indicators,
    Workflow,
    Audit,
    Benefits,
    Review,
}

/// <summary>
/// Everything the release page shows, gathered in one place from the features it draws on: the release and its
/// gates (as the tracker sees them), then the current tab's content — returns, the go / no-go pack, lead indicators,
/// workflows or the audit trail. Parts of other tabs are null.
/// </summary>
public sealed record ReleasePage(
    ReleaseDetail Release, ReleaseTab Tab, IReadOnlyList<TrackerRow> Gates, ChangeLoadWarning? ChangeLoad, int? MyPendingDecisionId,
    GatePack? Pack, ReleaseIndicators? Indicators, ReleaseWorkflows? Workflows, IReadOnlyList<AuditRow>? Trail, bool CanOpenLog,
    TrainingWarning? Training = null)
{
    /// <summary>Overview: the forecast of each open gate of the release, by gate id.</summary>
    public IReadOnlyDictionary<int, GateForecast> GateForecasts { get; init; } = new Dictionary<int, GateForecast>();

    /// <summary>Overview: the burn-up towards the release's next open gate, with its forecast line.</summary>
    public ReleaseForecast? Forecast { get; init; }

    /// <summary>Decision pack: the risks linked to the release, and which the go / no-go decision must acknowledge.</summary>
    public Risks.ReleaseRiskPack? Risks { get; init; }

    /// <summary>On the overview: where the ratings of the release's returns disagree (from the pack, issue 10); null on other tabs.</summary>
    public IReadOnlyList<Divergence>? Divergences { get; init; }

    /// <summary>On the benefits tab: the benefits this release realises (issue 10); null on other tabs.</summary>
    public IReadOnlyList<Benefits.BenefitView>? Benefits { get; init; }

    /// <summary>On the post-go-live review tab: the review pack (issue 10); null on other tabs.</summary>
    public Reviews.ReviewPack? Review { get; init; }
}

public sealed class ReleasePages(
    ReleaseQueries releases, GateTracker tracker, GatePackQueries packs, ApprovalQueries approvals, HeatmapQueries heatmap, TrainingQueries training,
    IndicatorQueries indicators, WorkflowJournalQueries workflows, AuditQueries audit, ForecastQueries forecasts, Risks.RiskAcknowledgements risks,
    Benefits.BenefitQueries benefits, Reviews.ReviewPackQueries reviews)
{
    public const int AuditTrailSize = 20;

    /// <summary>The page of release <paramref name="code"/> at <paramref name="tab"/>; null when there is no such release.</summary>
    public async Task<ReleasePage?> ForAsync(string code, ReleaseTab tab, Actor actor, CancellationToken ct)
    {
        var result = await releases.GetAsync(code, ct);
        if (!result.Succeeded) return null;
        var release = result.Value!;
        var gates = await tracker.RowsAsync(new TrackerFilter(Release: release.Code, Sort: "gate"), ct);
        // The pack also says whether the signed-in person has the go / no-go decision waiting (shown on every tab).
        var pack = await packs.ForReleaseAsync(release.Id, ct);
        int? mine = pack?.PendingSroRequestId is { } pending && await approvals.IsApproverAsync(pending, actor.UserId, ct) ? pending : null;
        var page = new ReleasePage(release, tab, gates,
            tab is ReleaseTab.Overview or ReleaseTab.Pack ? await heatmap.WarningAsync(release.Id, ct) : null,
            mine,
            tab == ReleaseTab.Pack ? pack : null,
            tab == ReleaseTab.Indicators ? await indicators.ForReleaseAsync(release.Id, ct) : null,
            tab == ReleaseTab.Workflow ? await workflows.ForReleaseAsync(release.Id, ct) : null,
            tab == ReleaseTab.Audit ? await audit.ForReleaseAsync(release.Id, AuditTrailSize, ct) : null,
            actor.IsIn(Roles.Pmo),
            tab is ReleaseTab.Overview or ReleaseTab.Pack ? await training.WarningAsync(release.Id, ct) : null)
        {
            Divergences = tab == ReleaseTab.Overview ? pack?.Divergences ?? [] : null,
            Benefits = tab == ReleaseTab.Benefits ? await benefits.ForReleaseAsync(actor, release.Id, ct) : null,
            Review = tab == ReleaseTab.Review ? await reviews.ForReleaseAsync(actor, release.Id, ct) : null,
        };
        if (tab == ReleaseTab.Overview)
            page = page with { GateForecasts = await forecasts.ForGatesAsync(gates.Select(g => g.GateId), ct), Forecast = await forecasts.ForReleaseAsync(release.Id, ct) };
        if (tab == ReleaseTab.Pack) page = page with { Risks = await risks.ForReleaseAsync(release.Id, ct) };
        return page;
    }
}
