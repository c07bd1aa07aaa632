using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.Approvals;

public sealed record RequestSummary(
    int Id, ApprovalKind Kind, int SubjectId, string ReleaseCode, string ReleaseName, string? AreaName, DateOnly DueOn, DateTime CreatedAtUtc,
    ApprovalStatus Status, Decision? Decision, DateTime? DecidedAtUtc, string? OnBehalfOfName, string Comment, Rag? Rag, decimal? Score)
{
    public string What => Kind switch
    {
        ApprovalKind.AreaReturn => $"{AreaName} readiness return",
        ApprovalKind.PostGoLiveReview => "Post-go-live review decision",
        _ => "Go / no-go decision",
    };
}

/// <summary>
/// An approver's inbox: a page of the decisions waiting (oldest first), how many wait in all, and the newest
/// <see cref="ApprovalQueries.PastShown"/> past decisions.
/// </summary>
public sealed record Inbox(IReadOnlyList<RequestSummary> Pending, IReadOnlyList<RequestSummary> Past, int PendingTotal = 0, int Page = 1, int PageSize = ApprovalQueries.InboxPageSize)
{
    public int Pages => Math.Max(1, (PendingTotal + PageSize - 1) / PageSize);
}

/// <summary>What the confirmation page shows for a link: the request, and whether it can still be decided (<see cref="Closed"/> says why not).</summary>
public sealed record LinkView(RequestSummary Request, string ApproverName, string? Closed, bool Stale);

/// <summary>Read models for the inbox and the decision pages.</summary>
public sealed class ApprovalQueries(ReadinessDbContext db, ReadinessClock clock)
{
    public const string UniformRefusal = "This link cannot be used. It may have expired, been replaced by a newer one, or belong to someone else. Open Readiness and use your inbox instead.";

    /// <summary>
    /// The request a link's token belongs to (found by the token's hash; only hashes are stored). Links sent before
    /// links carried only the token also name the request id, which must then match.
    /// </summary>
    public async Task<ApprovalRequest?> FindByTokenAsync(string? token, int? legacyRequestId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200) return null;
        var hash = ApprovalRequest.HashToken(token);
        var request = await db.ApprovalRequests.FirstOrDefaultAsync(r => r.TokenHash == hash, ct);
        return request is null || (legacyRequestId is { } id && request.Id != id) ? null : request;
    }

    public const int InboxPageSize = 25;
    public const int PastShown = 50;

    /// <summary>A page of the decisions waiting for the person, oldest first, and their newest past decisions: paged and sorted in SQL.</summary>
    public async Task<Inbox> InboxAsync(string userId, int page, CancellationToken ct)
    {
        // A request whose re-sent replacement is waiting to be delivered is the same decision: it is listed once.
        var pending = db.ApprovalRequests.Where(r => r.ApproverUserId == userId && r.Status == ApprovalStatus.Pending
            && !db.ApprovalRequests.Any(n => n.ReplacesRequestId == r.Id && n.Status == ApprovalStatus.Pending));
        var total = await pending.CountAsync(ct);
        var pages = Math.Max(1, (total + InboxPageSize - 1) / InboxPageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = await SummariesAsync(pending.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).Skip((page - 1) * InboxPageSize).Take(InboxPageSize), ct);
        var past = await SummariesAsync(db.ApprovalRequests.Where(r => r.ApproverUserId == userId && r.Status != ApprovalStatus.Pending)
            .OrderByDescending(r => r.DecidedAtUtc).ThenByDescending(r => r.Id).Take(PastShown), ct);
        return new Inbox(shown.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).ToList(), past.OrderByDescending(r => r.DecidedAtUtc).ThenByDescending(r => r.Id).ToList(),
            total, page);
    }

    /// <summary>The decisions waiting for the person that are due soonest (the BCM's dashboard).</summary>
    public async Task<IReadOnlyList<RequestSummary>> DueSoonestAsync(string userId, int take, CancellationToken ct) =>
        (await SummariesAsync(db.ApprovalRequests.Where(r => r.ApproverUserId == userId && r.Status == ApprovalStatus.Pending
            && !db.ApprovalRequests.Any(n => n.ReplacesRequestId == r.Id && n.Status == ApprovalStatus.Pending))
            .OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(take), ct)).OrderBy(r => r.DueOn).ThenBy(r => r.Id).ToList();

    public async Task<RequestSummary?> SummaryAsync(int requestId, CancellationToken ct) =>
        (await SummariesAsync(db.ApprovalRequests.Where(r => r.Id == requestId), ct)).SingleOrDefault();

    /// <summary>
    /// The page behind an email link. Forged, expired and mismatched links all get null, so the page can answer
    /// them uniformly; GET and HEAD only read.
    /// </summary>
    public async Task<LinkView?> ForLinkAsync(string token, int? legacyRequestId, string? signedInUserId, CancellationToken ct)
    {
        var request = await FindByTokenAsync(token, legacyRequestId, ct);
        if (request is null || !request.AcceptsLink(token, signedInUserId, clock.UtcNow)) return null;
        var summary = (await SummaryAsync(request.Id, ct))!;
        var approver = await db.Users.Where(u => u.Id == request.ApproverUserId).Select(u => u.DisplayName).SingleAsync(ct);
        var closed = request.IsPending ? null : await ClosedAsync(request, ct);
        var stale = request.IsPending && await ContentHashes.CurrentForAsync(db, request, ct) != request.ContentHash;
        return new LinkView(summary, approver, closed, stale);
    }

    /// <summary>What a closed request says to whoever opens or posts it: who decided and when, or why it was withdrawn.</summary>
    public async Task<string> ClosedAsync(ApprovalRequest request, CancellationToken ct)
    {
        var deciderId = request.DecidedByUserId
            ?? await db.ApprovalRequests.Where(r => r.WorkflowInstanceId == request.WorkflowInstanceId && r.Status == ApprovalStatus.Decided && r.CreatedAtUtc >= request.CreatedAtUtc)
                .OrderBy(r => r.DecidedAtUtc).Select(r => r.DecidedByUserId).FirstOrDefaultAsync(ct);
        var name = await db.Users.Where(u => u.Id == deciderId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var at = request.DecidedAtUtc is { } t ? clock.ToLocal(t).ToString("ddd d MMM yyyy 'at' HH:mm", CultureInfo.GetCultureInfo("en-GB")) : "";
        return request.Status switch
        {
            ApprovalStatus.Decided => $"Already decided by {name} on {at}: {Decisions.Words(request.Decision!.Value)}.",
            ApprovalStatus.Superseded => $"Already decided by {name ?? "another approver"} on {at}.",
            _ => $"This request was withdrawn on {at}: {request.ClosedReason}",
        };
    }

    public Task<bool> IsApproverAsync(int requestId, string userId, CancellationToken ct) =>
        db.ApprovalRequests.AnyAsync(r => r.Id == requestId && r.ApproverUserId == userId, ct);

    public Task<int> ReleaseIdOfAsync(int requestId, CancellationToken ct) =>
        db.ApprovalRequests.Where(r => r.Id == requestId).Select(r => r.ReleaseId).SingleAsync(ct);

    private async Task<List<RequestSummary>> SummariesAsync(IQueryable<ApprovalRequest> requests, CancellationToken ct)
    {
        var rows = await (from r in requests
                          join rel in db.Releases on r.ReleaseId equals rel.Id
                          select new { r, rel.Code, rel.Name }).AsNoTracking().ToListAsync(ct);
        // The return and delegator details come in two more queries: simpler than conditional joins, and the same on every provider.
        var returnIds = rows.Where(x => x.r.Kind == ApprovalKind.AreaReturn).Select(x => x.r.SubjectId).Distinct().ToList();
        // (Each is skipped when nothing needs it: a list of go / no-go decisions or one without delegations asks nothing more.)
        var returns = returnIds.Count == 0 ? new Dictionary<int, ReturnDetails>() : await (from a in db.Assessments
                                                         join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                                                         where returnIds.Contains(a.Id)
                                                         select new ReturnDetails(a.Id, area.Name, a.Rag, a.Score)).ToDictionaryAsync(x => x.Id, ct);
        var delegatorIds = rows.Select(x => x.r.OnBehalfOfUserId).OfType<string>().Distinct().ToList();
        var delegators = delegatorIds.Count == 0 ? new Dictionary<string, string>() : await db.Users.Where(u => delegatorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(x =>
        {
            var a = x.r.Kind == ApprovalKind.AreaReturn ? returns.GetValueOrDefault(x.r.SubjectId) : null;
            return new RequestSummary(x.r.Id, x.r.Kind, x.r.SubjectId, x.Code, x.Name, a?.Name, x.r.DueOn, x.r.CreatedAtUtc, x.r.Status, x.r.Decision,
                x.r.DecidedAtUtc, x.r.OnBehalfOfUserId is { } d ? delegators.GetValueOrDefault(d) : null, x.r.Comment, a?.Rag, a?.Score);
        }).ToList();
    }

    private sealed record ReturnDetails(int Id, string Name, Rag? Rag, decimal? Score);
}
