using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Dashboards;

/// <summary>
/// The team lead's section: their open returns due soonest (up to <see cref="HomeDashboards.OpenLimit"/>), each with how
/// far it has got and what is left, and how many are open and done in all.
/// </summary>
public sealed record TeamLeadSection(IReadOnlyList<MyWorkItem> Open, int Done, int OpenTotal);

/// <summary>A return of a BCM's area that has not reached them yet: who is on it and when it is due.</summary>
/// <param name="IsReview">A post-go-live review: the BCM's own to fill in, not a team lead's return coming for a decision.</param>
public sealed record ComingReturn(int AssessmentId, string ReleaseCode, string ReleaseName, string AreaName, DateOnly DueOn, AssessmentStatus Status,
    string GateName = "", bool IsReview = false);

/// <summary>The BCM's section: decisions waiting (due soonest first, with the time left) and their areas' returns still to come.</summary>
public sealed record BcmSection(IReadOnlyList<RequestSummary> Waiting, IReadOnlyList<ComingReturn> Coming);

/// <summary>
/// The home page: one section for each of the person's roles (a person with several roles sees each), every
/// section built by a projection of what that role needs today. Null sections are roles the person does not have.
/// </summary>
public sealed record HomeDashboard(DateOnly Today, TeamLeadSection? TeamLead, BcmSection? Bcm, SroSection? Sro, PmoSection? Pmo);

public sealed class HomeDashboards(ReadinessDbContext db, MyWork myWork, ApprovalQueries approvals, SroDashboard sro, PmoDashboard pmo, ReadinessClock clock)
{
    public const int ComingLimit = 10;
    public const int OpenLimit = 10;
    public const int WaitingLimit = 10;

    public async Task<HomeDashboard> ForAsync(Actor actor, CancellationToken ct) => new(
        clock.Today,
        actor.IsIn(Roles.TeamLead) ? await TeamLeadAsync(actor.UserId, ct) : null,
        actor.IsIn(Roles.Bcm) ? await BcmAsync(actor.UserId, ct) : null,
        actor.IsIn(Roles.Sro) ? await sro.ForAsync(actor.UserId, ct) : null,
        actor.IsIn(Roles.Pmo) ? await pmo.ForAsync(ct) : null);

    private async Task<TeamLeadSection> TeamLeadAsync(string userId, CancellationToken ct)
    {
        var (soonest, open, done) = await myWork.OpenAsync(userId, OpenLimit, ct);
        return new TeamLeadSection(soonest, done, open);
    }

    private async Task<BcmSection> BcmAsync(string userId, CancellationToken ct)
    {
        var waiting = await approvals.DueSoonestAsync(userId, WaitingLimit, ct);
        var areaIds = db.AreaMemberships.Where(m => m.UserId == userId && m.Role == AreaRole.Bcm).Select(m => m.BusinessAreaId);
        // The due date is the tracker's stored one (GateSummary.DueOn), so the soonest few are chosen in SQL, not by
        // reading every open return of the BCM's areas.
        var coming = await (from a in db.Assessments.AsNoTracking()
                            where areaIds.Contains(a.BusinessAreaId)
                                && (a.Status == AssessmentStatus.NotStarted || a.Status == AssessmentStatus.Draft || a.Status == AssessmentStatus.Returned)
                            join s in db.GateSummaries on a.GateId equals s.GateId
                            join g in db.Gates on a.GateId equals g.Id
                            join r in db.Releases on a.ReleaseId equals r.Id
                            join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                            where r.Status != Portfolio.ReleaseStatus.Closed
                            orderby s.DueOn, area.Name, a.Id
                            select new ComingReturn(a.Id, r.Code, r.Name, area.Name, s.DueOn, a.Status, g.Name, g.Kind == Portfolio.GateKind.PostGoLiveReview))
            .Take(ComingLimit).ToListAsync(ct);
        return new BcmSection(waiting, coming);
    }
}
