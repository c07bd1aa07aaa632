using Microsoft.EntityFrameworkCore;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Persistence;

namespace Readiness.Core.Approvals;

/// <summary>What the confirmation panel says after an action: what was done, what happens next and who was emailed.</summary>
public sealed record ConfirmationView(string Title, string? Reference, IReadOnlyList<string> Next, IReadOnlyList<string> Emailed);

/// <summary>
/// Read model for the confirmation panels after a return is submitted and after a decision. It reads the state the
/// action left (the requests it opened, the people the workflow's emails went to by its rules), so the panel tells
/// the person what really happened rather than what usually happens.
/// </summary>
public sealed class Confirmations(ReadinessDbContext db)
{
    /// <summary>After a submission: the BCMs now asked to decide, and by when.</summary>
    public async Task<ConfirmationView> AfterSubmitAsync(int assessmentId, CancellationToken ct)
    {
        var a = await (from x in db.Assessments
                       join area in db.BusinessAreas on x.BusinessAreaId equals area.Id
                       join r in db.Releases on x.ReleaseId equals r.Id
                       where x.Id == assessmentId
                       select new { area.Name, r.Code, x.Score, x.Rag, Review = db.Gates.Any(g => g.Id == x.GateId && g.Kind == Portfolio.GateKind.PostGoLiveReview) }).SingleAsync(ct);
        var score = a.Score is { } s ? $"Score {s:0.#} – {a.Rag?.ToString() ?? "not scored"}" : null;
        if (a.Review)
            return new ConfirmationView($"{a.Name} post-go-live review submitted", score,
                ["The release's SRO is asked to close the release, or keep it in hypercare with actions, once every impacted area's review is in."], []);
        var asked = await (from q in db.ApprovalRequests
                           where q.Kind == ApprovalKind.AreaReturn && q.SubjectId == assessmentId && q.Status == ApprovalStatus.Pending
                           join u in db.Users on q.ApproverUserId equals u.Id
                           orderby u.DisplayName
                           select new { u.DisplayName, q.DueOn }).ToListAsync(ct);
        var names = asked.Select(x => x.DisplayName).ToList();
        var next = asked.Count == 0
            ? new List<string> { "The return is with the area's Business Change Manager for review." }
            : [$"{Join(names)} will review the return and approve it, approve it with conditions, or return it to you with comments, by {ApprovalEmails.Day(asked.Min(x => x.DueOn))}.",
               "You will get an email if it is returned. Until then it can no longer be changed."];
        return new ConfirmationView($"{a.Name} return submitted", score, next, names);
    }

    /// <summary>After a decision on <paramref name="requestId"/>: where the workflow went and whom its emails went to.</summary>
    public async Task<ConfirmationView?> AfterDecisionAsync(int requestId, CancellationToken ct)
    {
        var request = await db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request?.Decision is not { } decision || request.DecidedAtUtc is not { } at) return null;
        var release = await db.Releases.AsNoTracking().Where(r => r.Id == request.ReleaseId).Select(r => new { r.Id, r.Code, r.Name }).SingleAsync(ct);
        var title = $"Decision recorded: {Decisions.Words(decision)}";
        if (request.Kind == ApprovalKind.GoLive)
            return new ConfirmationView(title, release.Name, [GoLiveNext(decision)], await DecisionAudienceAsync(release.Id, ct));
        if (request.Kind == ApprovalKind.PostGoLiveReview)
            return new ConfirmationView(title, release.Name, [decision == Decision.CloseRelease
                ? "The release is closed: it leaves hypercare and the change heatmap, and its area reviews count as approved."
                : "The release stays in hypercare. When the last action is recorded as met, you are asked to decide again."], await DecisionAudienceAsync(release.Id, ct));

        var area = await (from x in db.Assessments
                          join b in db.BusinessAreas on x.BusinessAreaId equals b.Id
                          where x.Id == request.SubjectId
                          select new { x.BusinessAreaId, b.Name }).SingleAsync(ct);
        var reference = $"{area.Name} return for {release.Name}";
        if (decision == Decision.Return)
        {
            var leads = await NamesAsync(db.AreaMemberships.Where(m => m.BusinessAreaId == area.BusinessAreaId && m.Role == AreaRole.TeamLead).Select(m => m.UserId), ct);
            return new ConfirmationView(title, reference, ["The return goes back to the team lead with your comment, to change and submit again."], leads);
        }
        // Asked after this decision: a second approver of the same return, or the SRO once every area is approved.
        var second = await NamesAsync(db.ApprovalRequests.Where(r => r.Kind == ApprovalKind.AreaReturn && r.SubjectId == request.SubjectId
            && r.Status == ApprovalStatus.Pending && r.CreatedAtUtc >= at).Select(r => r.ApproverUserId), ct);
        if (second.Count > 0)
            return new ConfirmationView(title, reference, [$"This release needs a second approval: {Join(second)} was asked to approve the return too."], second);
        var sro = await NamesAsync(db.ApprovalRequests.Where(r => r.Kind == ApprovalKind.GoLive && r.ReleaseId == release.Id
            && r.Status == ApprovalStatus.Pending && r.CreatedAtUtc >= at).Select(r => r.ApproverUserId), ct);
        if (sro.Count > 0)
            return new ConfirmationView(title, reference, [$"All returns approved: {Join(sro)}, the SRO, was asked to make the go / no-go decision."], sro);
        var statuses = await db.Assessments.Where(x => x.ReleaseId == release.Id).Select(x => x.Status).ToListAsync(ct);
        var approved = statuses.Count(s => s is Assessments.AssessmentStatus.Approved or Assessments.AssessmentStatus.ApprovedWithConditions);
        return new ConfirmationView(title, reference,
            [$"{approved} of {statuses.Count} areas of the release are approved. The SRO is asked for the go / no-go decision once every area is approved."], []);
    }

    private static string GoLiveNext(Decision d) => d switch
    {
        Decision.Go => "The release goes live on its go-live date; the gate then moves to post-go-live monitoring.",
        Decision.GoWithConditions => "The release goes live on its go-live date; its conditions are tracked on the release page until they are met.",
        _ => "The release does not go live as planned: the PMO re-plans it.",
    };

    /// <summary>A go / no-go decision is emailed to the BCMs of the impacted areas and to the PMO (the gate workflow's rule).</summary>
    private async Task<IReadOnlyList<string>> DecisionAudienceAsync(int releaseId, CancellationToken ct) =>
        await NamesAsync(ReleaseAudience.Of(db, releaseId).Select(u => u.Id), ct);

    private async Task<List<string>> NamesAsync(IQueryable<string> userIds, CancellationToken ct) =>
        (await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.DisplayName).ToListAsync(ct)).Distinct().Order(StringComparer.Ordinal).ToList();

    private static string Join(List<string> names) => names.Count <= 1 ? string.Join("", names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
