using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Approvals;

public sealed record PackArea(int AssessmentId, string AreaCode, string AreaName, AssessmentStatus Status, Rag? Rag, decimal? Score,
    string? DecidedBy, string? OnBehalfOf, DateTime? DecidedAtUtc, Decision? Decision, string Comment);

public sealed record PackCondition(int Id, string Description, string Owner, int DueOffsetDays, DateOnly DueOn, bool Met, string SetBy, DateTime? MetAtUtc)
{
    public bool BlocksGo => !Met && DueOffsetDays < 0;
}

public sealed record PackWaiver(string AreaName, string CriterionCode, string CriterionText, string Reason, string ApprovedBy, DateOnly ExpiresOn);

public sealed record PackDecision(Decision Decision, Dca? Dca, string Comment, string DecidedBy, string? OnBehalfOf, DateTime DecidedAtUtc);

/// <summary>The SRO's decision pack: every area's return and approval, the conditions, and the decision once made.</summary>
public sealed record GatePack(int ReleaseId, string ReleaseCode, string ReleaseName, DateOnly GoLive, IReadOnlyList<PackArea> Areas,
    IReadOnlyList<PackCondition> Conditions, IReadOnlyList<PackWaiver> Waivers, PackDecision? Decision, int? PendingSroRequestId)
{
    public int Approved => Areas.Count(a => a.Status is AssessmentStatus.Approved or AssessmentStatus.ApprovedWithConditions);
    public int Open => Areas.Count - Approved;
    public bool GoBlocked => Conditions.Any(c => c.BlocksGo);

    /// <summary>Every criterion below its minimum pass in the submitted returns, per area, with its waiver (issue 10).</summary>
    public PackFailures Failures { get; init; } = PackFailures.None;

    /// <summary>Where the team leads' own ratings, the computed RAGs, the BCMs' decisions and the SRO's DCA disagree by more than one step (issue 10).</summary>
    public IReadOnlyList<Divergence> Divergences { get; init; } = [];

    /// <summary>The worst RAG of the returns: a single Red return makes the pack Red.</summary>
    public Rag? WorstRag => Areas.Count == 0 || Areas.Any(a => a.Rag is null) ? null : Areas.Min(a => a.Rag);
}

public sealed class GatePackQueries(ReadinessDbContext db)
{
    public async Task<GatePack?> ForReleaseAsync(int releaseId, CancellationToken ct)
    {
        var release = await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == releaseId, ct);
        if (release is null) return null;

        var returns = await (from a in db.Assessments
                             join g in db.Gates on a.GateId equals g.Id
                             join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                             where a.ReleaseId == releaseId && g.Kind == GateKind.Readiness
                             select new { a.Id, area.Code, area.Name, a.Status, a.Rag, a.Score }).AsNoTracking().ToListAsync(ct);
        var decided = await db.ApprovalRequests.AsNoTracking()
            .Where(r => r.ReleaseId == releaseId && r.Status == ApprovalStatus.Decided).OrderBy(r => r.DecidedAtUtc).ToListAsync(ct);
        // Only the names the pack shows: deciders, delegators and waiver approvers (who are deciders too).
        var nameIds = decided.SelectMany(r => new[] { r.DecidedByUserId, r.OnBehalfOfUserId }).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => nameIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        string? Name(string? id) => id is null ? null : names.GetValueOrDefault(id);
        var areas = returns.OrderBy(r => r.Name).Select(r =>
        {
            var d = decided.LastOrDefault(x => x.Kind == ApprovalKind.AreaReturn && x.SubjectId == r.Id);
            return new PackArea(r.Id, r.Code, r.Name, r.Status, r.Rag, r.Score, Name(d?.DecidedByUserId), Name(d?.OnBehalfOfUserId), d?.DecidedAtUtc, d?.Decision, d?.Comment ?? "");
        }).ToList();

        var conditions = await db.ApprovalConditions.AsNoTracking().Where(c => c.ReleaseId == releaseId).OrderBy(c => c.DueOffsetDays).ToListAsync(ct);
        var setBy = decided.ToDictionary(r => r.Id, r => Name(r.DecidedByUserId) ?? "");
        var packConditions = conditions.Select(c => new PackCondition(c.Id, c.Description, c.Owner, c.DueOffsetDays, release.GoLive.AddDays(c.DueOffsetDays),
            c.IsMet, setBy.GetValueOrDefault(c.ApprovalRequestId, ""), c.MetAtUtc)).ToList();

        var returnIds = returns.Select(r => r.Id).ToList();
        var waivers = await (from w in db.Waivers
                             join c in db.Criteria on w.CriterionId equals c.Id
                             where returnIds.Contains(w.AssessmentId)
                             orderby w.ExpiresOn
                             select new { w.AssessmentId, c.Code, c.Text, w.Reason, w.ApprovedByUserId, w.ExpiresOn }).AsNoTracking().ToListAsync(ct);
        var packWaivers = waivers.Select(w => new PackWaiver(returns.First(r => r.Id == w.AssessmentId).Name, w.Code, w.Text, w.Reason,
            Name(w.ApprovedByUserId) ?? "", w.ExpiresOn)).ToList();

        var sro = decided.LastOrDefault(r => r.Kind == ApprovalKind.GoLive);
        var decision = sro is null ? null : new PackDecision(sro.Decision!.Value, sro.Dca, sro.Comment, Name(sro.DecidedByUserId) ?? "", Name(sro.OnBehalfOfUserId), sro.DecidedAtUtc!.Value);
        var pending = await db.ApprovalRequests.Where(r => r.ReleaseId == releaseId && r.Kind == ApprovalKind.GoLive && r.Status == ApprovalStatus.Pending)
            .Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        return new GatePack(release.Id, release.Code, release.Name, release.GoLive, areas, packConditions, packWaivers, decision, pending)
        {
            Failures = await PackFailures.ForAsync(db, areas, ct),
            Divergences = await PackRatings.DivergencesAsync(db, areas, decision?.Dca, ct),
        };
    }
}
