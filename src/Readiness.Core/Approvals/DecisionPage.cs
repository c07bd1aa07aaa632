using Readiness.Core.Portfolio;

namespace Readiness.Core.Approvals;

/// <summary>
/// Everything a decision page shows, gathered in one place: the request, the return or the go-live pack it is about,
/// the change load the release adds and its training against capacity, whether it can still be decided (closed, stale), and — straight after the
/// person decided — the confirmation of what happens next.
/// </summary>
public sealed record DecisionPage(
    RequestSummary Request, string ApproverName, ReturnBrief? Return, GatePack? Pack, ChangeLoadWarning? ChangeLoad,
    string? Closed, bool Stale, ConfirmationView? Confirmation, TrainingWarning? Training = null)
{
    public bool IsPending => Request.Status == ApprovalStatus.Pending;

    /// <summary>Go / no-go: the release's risks, and those the decision must acknowledge.</summary>
    public Risks.ReleaseRiskPack? Risks { get; init; }

    /// <summary>For a post-go-live review decision: the review pack (issue 10).</summary>
    public Reviews.ReviewPack? Review { get; init; }
}

/// <summary>Builds <see cref="DecisionPage"/> for the inbox's decision page and for the page behind an email link.</summary>
public sealed class DecisionPages(ApprovalQueries queries, ReturnBriefs briefs, GatePackQueries packs, HeatmapQueries heatmap, TrainingQueries training,
    Confirmations confirmations, Risks.RiskAcknowledgements risks, Reviews.ReviewPackQueries reviews, Identity.Actor actor)
{
    /// <summary>The signed-in approver's page; null when the request does not exist or is not theirs.</summary>
    public async Task<DecisionPage?> ForApproverAsync(int requestId, string userId, bool justDecided, CancellationToken ct)
    {
        var summary = await queries.SummaryAsync(requestId, ct);
        if (summary is null || !await queries.IsApproverAsync(requestId, userId, ct)) return null;
        return await BuildAsync(summary, approverName: "", closed: null, stale: false, justDecided, ct);
    }

    /// <summary>The page behind an email link; null for a forged, expired or mismatched link (one uniform refusal).</summary>
    public async Task<DecisionPage?> ForLinkAsync(string token, int? legacyRequestId, string? signedInUserId, bool justDecided, CancellationToken ct)
    {
        var link = await queries.ForLinkAsync(token, legacyRequestId, signedInUserId, ct);
        if (link is null) return null;
        return await BuildAsync(link.Request, link.ApproverName, link.Closed, link.Stale, justDecided, ct);
    }

    private async Task<DecisionPage> BuildAsync(RequestSummary summary, string approverName, string? closed, bool stale, bool justDecided, CancellationToken ct)
    {
        // Straight after deciding, the person sees what their decision did, not "already decided by" themselves.
        var confirmation = justDecided && summary.Status == ApprovalStatus.Decided ? await confirmations.AfterDecisionAsync(summary.Id, ct) : null;
        // A link that can no longer decide shows who decided (or why it was withdrawn), never the return as it is now.
        if (closed is not null && confirmation is null)
            return new DecisionPage(summary, approverName, null, null, null, closed, stale, null);
        ReturnBrief? brief = null;
        GatePack? pack = null;
        ChangeLoadWarning? load = null;
        Risks.ReleaseRiskPack? releaseRisks = null;
        TrainingWarning? trainingWarning = null;
        if (summary.Kind == ApprovalKind.AreaReturn) brief = await briefs.ForAsync(summary.SubjectId, ct);
        else if (summary.Kind == ApprovalKind.PostGoLiveReview)
            return new DecisionPage(summary, approverName, null, null, null, confirmation is null ? closed : null, stale, confirmation)
            {
                Review = await reviews.ForReleaseAsync(actor, await queries.ReleaseIdOfAsync(summary.Id, ct), ct),
            };
        else
        {
            var releaseId = await queries.ReleaseIdOfAsync(summary.Id, ct);
            pack = await packs.ForReleaseAsync(releaseId, ct);
            load = await heatmap.WarningAsync(releaseId, ct);
            releaseRisks = await risks.ForReleaseAsync(releaseId, ct);
            trainingWarning = await training.WarningAsync(releaseId, ct);
        }
        return new DecisionPage(summary, approverName, brief, pack, load, confirmation is null ? closed : null, stale, confirmation, trainingWarning) { Risks = releaseRisks };
    }
}
