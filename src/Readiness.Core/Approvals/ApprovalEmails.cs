using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;

namespace Readiness.Core.Approvals;

/// <summary>
/// The emails of the approval workflows. Each says what is decided, by when, and the summary a BCM or SRO
/// needs to decide on a phone, with one link.
/// </summary>
public sealed class ApprovalEmails(ReadinessDbContext db, ReturnBriefs briefs)
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static string Day(DateOnly d) => d.ToString("ddd d MMM yyyy", Uk);

    /// <summary>When the link stops working, written as every date is ("Thu 17 Dec 2026 at 14:05"), in UTC.</summary>
    private static string Expiry(ApprovalRequest request) => request.TokenExpiresAtUtc.ToString("ddd d MMM yyyy 'at' HH:mm", Uk);

    public async Task<Func<ApprovalRequest, string, string, Email>> ForReturnAsync(int assessmentId, string stage, CancellationToken ct)
    {
        var info = await (from a in db.Assessments
                          join r in db.Releases on a.ReleaseId equals r.Id
                          join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                          join g in db.Gates on a.GateId equals g.Id
                          where a.Id == assessmentId
                          select new { r.Code, r.Name, Area = area.Name, Gate = g.Name, a.Score, a.Rag, a.SubmittedByUserId, a.TemplateId, a.ReleaseId, a.BusinessAreaId, r.GoLive })
            .SingleAsync(ct);
        var submitter = await db.Users.Where(u => u.Id == info.SubmittedByUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "the team lead";
        var missing = (await briefs.ForAsync(assessmentId, ct)).Card.Missing;
        return (request, link, name) => new Email(
            "ApprovalRequest", "", name,
            $"Decision needed: {info.Code} {info.Area} readiness return – due {Day(request.DueOn)}",
            $"{submitter} submitted the {info.Area} return for {info.Name}. Please {stage}: approve, approve with conditions, or return it with comments.",
            [
                ("Release", $"{info.Name} ({info.Code})"),
                ("Go-live (T0)", Day(info.GoLive)),
                ("Business area", info.Area),
                ("Gate", info.Gate),
                ("Score and RAG", $"{info.Score?.ToString("0.#", CultureInfo.InvariantCulture) ?? "–"} – {info.Rag?.ToString() ?? "not scored"}"),
                ("Decide by", Day(request.DueOn)),
                ("On behalf of", request.OnBehalfOfUserId is null ? "" : "your delegator"),
            ],
            missing.Count == 0 ? ["Nothing is missing or failing."] : missing.Take(6).Select(m => $"{m.CriterionCode}: {m.Reason} – {m.Text}").Concat(missing.Count > 6 ? [$"… and {missing.Count - 6} more"] : []).ToList(),
            "Review and decide", link,
            $"This link is for you only, works once and expires on {Expiry(request)} UTC. Opening it changes nothing until you confirm.");
    }

    /// <summary>The SRO's email for a gate's decision: go / no-go, or for a post-go-live review gate, its review (re-sends and delegation come here).</summary>
    public async Task<Func<ApprovalRequest, string, string, Email>> ForGoLiveAsync(int gateId, CancellationToken ct)
    {
        if (await db.Gates.AnyAsync(g => g.Id == gateId && g.Kind == Portfolio.GateKind.PostGoLiveReview, ct)) return await ForReviewAsync(gateId, ct);
        var info = await db.Gates.Where(g => g.Id == gateId).Select(g => new { g.Release!.Code, g.Release.Name, g.Release.GoLive, g.ReleaseId }).SingleAsync(ct);
        // Through the change tracker: the approval (and its conditions) that completed the returns in this unit of work count.
        await db.Assessments.Where(a => a.ReleaseId == info.ReleaseId).LoadAsync(ct);
        await db.ApprovalConditions.Where(c => c.ReleaseId == info.ReleaseId).LoadAsync(ct);
        var returns = db.Assessments.Local.Where(a => a.ReleaseId == info.ReleaseId).Select(a => new { a.Status, a.Rag }).ToList();
        var openConditions = db.ApprovalConditions.Local.Count(c => c.ReleaseId == info.ReleaseId && c.MetAtUtc == null);
        return (request, link, name) => new Email(
            "ApprovalRequest", "", name,
            $"Go / no-go decision needed: {info.Code} – decide by {Day(request.DueOn)}",
            $"Every impacted business area has approved its readiness return for {info.Name}. Please make the go / no-go decision.",
            [
                ("Release", $"{info.Name} ({info.Code})"),
                ("Go-live (T0)", Day(info.GoLive)),
                ("Returns", $"{returns.Count} approved: {returns.Count(r => r.Rag == Common.Rag.Green)} Green, {returns.Count(r => r.Rag == Common.Rag.Amber)} Amber, {returns.Count(r => r.Rag == Common.Rag.Red)} Red"),
                ("With conditions", returns.Count(r => r.Status == AssessmentStatus.ApprovedWithConditions).ToString(CultureInfo.InvariantCulture)),
                ("Open conditions", openConditions.ToString(CultureInfo.InvariantCulture)),
                ("Decide by", Day(request.DueOn)),
            ],
            [], "Open the decision pack", link,
            $"This link is for you only, works once and expires on {Expiry(request)} UTC. Opening it changes nothing until you confirm.");
    }

    /// <summary>The SRO's email when every area's post-go-live review is in: close the release or keep it in hypercare.</summary>
    public async Task<Func<ApprovalRequest, string, string, Email>> ForReviewAsync(int gateId, CancellationToken ct)
    {
        var info = await db.Gates.Where(g => g.Id == gateId).Select(g => new { g.Release!.Code, g.Release.Name, g.Release.GoLive }).SingleAsync(ct);
        await db.Assessments.Where(a => a.GateId == gateId).LoadAsync(ct);
        var reviews = db.Assessments.Local.Where(a => a.GateId == gateId).Select(a => a.Rag).ToList();
        return (request, link, name) => new Email(
            "ApprovalRequest", "", name,
            $"Post-go-live review decision needed: {info.Code} – decide by {Day(request.DueOn)}",
            $"Every impacted business area has reviewed {info.Name} after go-live. Please close the release, or keep it in hypercare with actions.",
            [
                ("Release", $"{info.Name} ({info.Code})"),
                ("Went live (T0)", Day(info.GoLive)),
                ("Area reviews", $"{reviews.Count}: {reviews.Count(r => r == Common.Rag.Green)} Green, {reviews.Count(r => r == Common.Rag.Amber)} Amber, {reviews.Count(r => r == Common.Rag.Red)} Red"),
                ("Decide by", Day(request.DueOn)),
            ],
            [], "Open the review", link,
            $"This link is for you only, works once and expires on {Expiry(request)} UTC. Opening it changes nothing until you confirm.");
    }
}
