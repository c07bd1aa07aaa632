using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Risks;

/// <summary>A risk as the decision pack shows it; <see cref="MustAcknowledge"/> when the SRO's decision has to acknowledge it.</summary>
public sealed record PackRisk(
    int Id, string Title, RiskLevel Level, RiskStatus Status, int Likelihood, int Impact, int Score, string OwnerName, string Controls, DateOnly ReviewOn,
    bool MustAcknowledge, bool AcknowledgedInDecision)
{
    public string Reference => RiskScoring.Reference(Id);
    public RiskBand Band => RiskScoring.Band(Score);

    /// <summary>How the decision form names the risk beside its tick box.</summary>
    public string Label => $"{Reference}: {Title} (score {Score}, {RiskScoring.Words(Status).ToLowerInvariant()})";
}

/// <summary>
/// The risks linked to a release, for its go / no-go pack: every one not closed, biggest first, and which of them the
/// decision must acknowledge (open, scoring at least <see cref="AcknowledgeFromScore"/>). Kept apart from
/// <see cref="GatePack"/> so the pack's other sections grow without touching it.
/// </summary>
public sealed record ReleaseRiskPack(IReadOnlyList<PackRisk> Risks, int AcknowledgeFromScore, int Closed)
{
    public IReadOnlyList<PackRisk> ToAcknowledge => Risks.Where(r => r.MustAcknowledge).ToList();
}

/// <summary>
/// The acknowledgement rule of a go / no-go decision, and the pack's risks. "Acknowledged" means: the SRO ticked the
/// risk on the decision form (one box per open risk at or above the threshold) and gave the rationale the decision
/// already requires; the server refuses a decision leaving any such risk unticked, naming each, and records nothing.
/// A decision that passes records one <see cref="RiskAcknowledgement"/> per risk, at the score it had, and an audit entry.
/// </summary>
public sealed class RiskAcknowledgements(ReadinessDbContext db, AuditLog audit, IOptions<RiskOptions> options)
{
    public int Threshold => options.Value.AcknowledgeFromScore;

    public async Task<ReleaseRiskPack> ForReleaseAsync(int releaseId, CancellationToken ct)
    {
        var risks = await (from link in db.RiskReleases
                           join r in db.Risks on link.RiskId equals r.Id
                           where link.ReleaseId == releaseId
                           select new
                           {
                               r.Id, r.Title, r.Level, r.Status, r.Likelihood, r.Impact, r.Score, r.Controls, r.ReviewOn,
                               Owner = db.Users.Where(u => u.Id == r.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault(),
                           }).AsNoTracking().ToListAsync(ct);
        // What the latest go / no-go decision on the release acknowledged, to show beside each risk once decided.
        var latest = await db.ApprovalRequests.AsNoTracking()
            .Where(q => q.ReleaseId == releaseId && q.Kind == ApprovalKind.GoLive && q.Status == ApprovalStatus.Decided)
            .OrderByDescending(q => q.DecidedAtUtc).Select(q => (int?)q.Id).FirstOrDefaultAsync(ct);
        var acknowledged = latest is { } id
            ? (await db.RiskAcknowledgements.AsNoTracking().Where(a => a.ApprovalRequestId == id).Select(a => a.RiskId).ToListAsync(ct)).ToHashSet()
            : [];
        var shown = risks.Where(r => r.Status != RiskStatus.Closed).OrderByDescending(r => r.Score).ThenBy(r => r.Id)
            .Select(r => new PackRisk(r.Id, r.Title, r.Level, r.Status, r.Likelihood, r.Impact, r.Score, r.Owner ?? "", r.Controls, r.ReviewOn,
                r.Status == RiskStatus.Open && r.Score >= Threshold, acknowledged.Contains(r.Id))).ToList();
        return new ReleaseRiskPack(shown, Threshold, risks.Count - shown.Count);
    }

    /// <summary>
    /// For a go / no-go decision: null when every open risk of the release at or above the threshold is among
    /// <paramref name="acknowledgedRiskIds"/> (then each is recorded against the request, with an audit entry); else the
    /// refusal on the "Risks" field naming each risk left out. Other decisions acknowledge nothing.
    /// </summary>
    public async Task<Failure?> CheckAndRecordAsync(ApprovalRequest request, IReadOnlyCollection<int> acknowledgedRiskIds, DecisionOrigin origin, DateTime nowUtc, CancellationToken ct)
    {
        if (request.Kind != ApprovalKind.GoLive) return null;
        var threshold = Threshold;
        var required = await db.Risks.Where(Risk.MustBeAcknowledgedAt(threshold))
            .Where(r => db.RiskReleases.Any(link => link.RiskId == r.Id && link.ReleaseId == request.ReleaseId))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Title, r.Score }).ToListAsync(ct);
        var missing = required.Where(r => !acknowledgedRiskIds.Contains(r.Id)).ToList();
        if (missing.Count > 0)
            return Failures.Invalid("Risks", string.Create(CultureInfo.InvariantCulture,
                $"Acknowledge every open risk of this release scoring {threshold} or more before deciding. Not acknowledged: ")
                + string.Join("; ", missing.Select(r => string.Create(CultureInfo.InvariantCulture, $"{RiskScoring.Reference(r.Id)} {r.Title} (score {r.Score})")))
                + ". Tick each one, and say in your rationale how it is accepted or mitigated.");
        if (required.Count == 0) return null;
        foreach (var r in required) db.RiskAcknowledgements.Add(new RiskAcknowledgement(request.Id, r.Id, r.Score, nowUtc));
        audit.Append(new AuditRecord(nowUtc, request.ApproverUserId, request.OnBehalfOfUserId, "risks.acknowledged", AuditQueries.ApprovalRequestSubject,
            request.Id.ToString(CultureInfo.InvariantCulture), origin.Channel, origin.IpAddress, origin.UserAgent,
            "(none) → " + string.Join(", ", required.Select(r => string.Create(CultureInfo.InvariantCulture, $"{RiskScoring.Reference(r.Id)} (score {r.Score})")))
            + " acknowledged in the go / no-go decision"));
        return null;
    }
}
