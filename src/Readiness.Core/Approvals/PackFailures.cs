using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Persistence;

namespace Readiness.Core.Approvals;

/// <summary>What became of a failing criterion at the BCM's decision.</summary>
public enum FailureCover
{
    /// <summary>The return is still with its BCM.</summary>
    Undecided,

    /// <summary>Accepted as failed, with a reason and an expiry.</summary>
    Waived,

    /// <summary>The return was approved with conditions, which carry the failure.</summary>
    Conditions,

    /// <summary>Approved with neither (possible only before the failing-criteria rule).</summary>
    Unwaived,
}

/// <summary>One failing criterion of an area's return as the SRO sees it: the answer, the team lead's comment and what covers it.</summary>
public sealed record PackFailure(FailingCriterion Failure, FailureCover Cover, PackWaiver? Waiver);

public sealed record AreaFailures(int AssessmentId, string AreaCode, string AreaName, IReadOnlyList<PackFailure> Criteria);

/// <summary>Every failing criterion of a release's submitted readiness returns, per area (issue 10: nothing failing hidden from the SRO).</summary>
public sealed record PackFailures(IReadOnlyList<AreaFailures> Areas)
{
    public int Count => Areas.Sum(a => a.Criteria.Count);
    public int Waived => Areas.Sum(a => a.Criteria.Count(c => c.Cover == FailureCover.Waived));
    public int Uncovered => Areas.Sum(a => a.Criteria.Count(c => c.Cover == FailureCover.Unwaived));

    public static readonly PackFailures None = new([]);

    /// <summary>
    /// The failures of the returns <paramref name="areas"/> lists that have been submitted (a draft's answers are not the
    /// area's yet), with each criterion's waiver if it has one.
    /// </summary>
    public static async Task<PackFailures> ForAsync(ReadinessDbContext db, IReadOnlyList<PackArea> areas, CancellationToken ct)
    {
        var submitted = areas.Where(a => a.Status is AssessmentStatus.Submitted or AssessmentStatus.Approved or AssessmentStatus.ApprovedWithConditions).ToList();
        var ids = submitted.Select(a => a.AssessmentId).ToList();
        var failing = await ReturnFailures.ForAsync(db, ids, ct);
        if (failing.Values.All(f => f.Count == 0)) return None;
        var waivers = (await db.Waivers.AsNoTracking().Where(w => ids.Contains(w.AssessmentId)).ToListAsync(ct))
            .GroupBy(w => (w.AssessmentId, w.CriterionId)).ToDictionary(g => g.Key, g => g.OrderByDescending(w => w.CreatedAtUtc).First());
        var approvers = waivers.Values.Select(w => w.ApprovedByUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => approvers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return new PackFailures(submitted.Where(a => failing[a.AssessmentId].Count > 0).Select(a => new AreaFailures(a.AssessmentId, a.AreaCode, a.AreaName,
            failing[a.AssessmentId].Select(f =>
            {
                var w = waivers.GetValueOrDefault((a.AssessmentId, f.CriterionId));
                var cover = w is not null ? FailureCover.Waived
                    : a.Status == AssessmentStatus.Submitted ? FailureCover.Undecided
                    : a.Status == AssessmentStatus.ApprovedWithConditions ? FailureCover.Conditions
                    : FailureCover.Unwaived;
                var view = w is null ? null : new PackWaiver(a.AreaName, f.Code, f.Criterion.Text, w.Reason, names.GetValueOrDefault(w.ApprovedByUserId) ?? "", w.ExpiresOn);
                return new PackFailure(f, cover, view);
            }).ToList())).ToList());
    }
}
