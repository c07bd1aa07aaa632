using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
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
public sealed class ApprovalQueries(ReadinessDbContext db, ReadinessClock clock, DecisionsWaiting? waiting = null)
{
    private readonly DecisionsWaiting _waiting = waiting ?? new DecisionsWaiting(db);

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
        var total = await _waiting.CountAsync(userId, ct);
        var pages = Math.Max(1, (total + InboxPageSize - 1) / InboxPageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = await PendingPage.For(db)(db, userId, (page - 1) * InboxPageSize, InboxPageSize).ToListAsync(ct);
        var past = await PastPage.For(db)(db, userId, 0, PastShown).ToListAsync(ct);
        return new Inbox(shown.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).ToList(), past.OrderByDescending(r => r.DecidedAtUtc).ThenByDescending(r => r.Id).ToList(),
            total, page);
    }

    /// <summary>
    /// Requests as a list shows them, in the query that chooses them: their release, their return's area, RAG and score,
    /// and the name of whoever they were delegated by. Only the columns shown: a request's row also holds its token hash,
    /// content hash and workflow state. Each of these is at most one row, so the joins keep the requests' order and count.
    /// </summary>
    private static readonly Expression<Func<ReadinessDbContext, IQueryable<ApprovalRequest>, IQueryable<RequestSummary>>> Shown = (db, requests) =>
        from r in requests
        join rel in db.Releases on r.ReleaseId equals rel.Id
        // A request's subject is a return only for an area return (otherwise it is a gate or a release).
        join a in db.Assessments on new { Id = r.SubjectId, Return = r.Kind == ApprovalKind.AreaReturn } equals new { a.Id, Return = true } into returns
        from a in returns.DefaultIfEmpty()
        from area in db.BusinessAreas.Where(b => b.Id == a!.BusinessAreaId).DefaultIfEmpty()
        from delegator in db.Users.Where(u => u.Id == r.OnBehalfOfUserId).DefaultIfEmpty()
        select new RequestSummary(r.Id, r.Kind, r.SubjectId, rel.Code, rel.Name, area!.Name, r.DueOn, r.CreatedAtUtc, r.Status, r.Decision,
            r.DecidedAtUtc, delegator!.DisplayName, r.Comment, a!.Rag, a.Score);

    /// <summary>A compiled query of the requests <paramref name="choose"/> picks, as <see cref="Shown"/> shows them.</summary>
    private static Expression<Func<ReadinessDbContext, TArg1, TArg2, TArg3, IQueryable<RequestSummary>>> ShownOf<TArg1, TArg2, TArg3>(
        Expression<Func<ReadinessDbContext, TArg1, TArg2, TArg3, IQueryable<ApprovalRequest>>> choose) =>
        Expression.Lambda<Func<ReadinessDbContext, TArg1, TArg2, TArg3, IQueryable<RequestSummary>>>(
            ReplacingExpressionVisitor.Replace(Shown.Parameters[1], choose.Body, ReplacingExpressionVisitor.Replace(Shown.Parameters[0], choose.Parameters[0], Shown.Body)),
            choose.Parameters);

    // The inbox's queries are compiled once: every approver's inbox runs them (its count is DecisionsWaiting's). A request
    // whose re-sent replacement is waiting to be delivered is the same decision: it is listed once.

    private static readonly CompiledPerModel<Func<ReadinessDbContext, string, int, int, IAsyncEnumerable<RequestSummary>>> PendingPage = new(() =>
        EF.CompileAsyncQuery(ShownOf((ReadinessDbContext db, string userId, int skip, int take) =>
            db.ApprovalRequests.AsNoTracking()
                .Where(r => r.ApproverUserId == userId && r.Status == ApprovalStatus.Pending
                    && !db.ApprovalRequests.Any(n => n.ReplacesRequestId == r.Id && n.Status == ApprovalStatus.Pending))
                .OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).Skip(skip).Take(take))));

    private static readonly CompiledPerModel<Func<ReadinessDbContext, string, int, int, IAsyncEnumerable<RequestSummary>>> PastPage = new(() =>
        EF.CompileAsyncQuery(ShownOf((ReadinessDbContext db, string userId, int skip, int take) =>
            db.ApprovalRequests.AsNoTracking()
                .Where(r => r.ApproverUserId == userId && r.Status != ApprovalStatus.Pending)
                .OrderByDescending(r => r.DecidedAtUtc).ThenByDescending(r => r.Id).Skip(skip).Take(take))));

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

    private Task<List<RequestSummary>> SummariesAsync(IQueryable<ApprovalRequest> requests, CancellationToken ct) =>
        requests.Provider.CreateQuery<RequestSummary>(ReplacingExpressionVisitor.Replace(Shown.Parameters[1], requests.AsNoTracking().Expression,
            ReplacingExpressionVisitor.Replace(Shown.Parameters[0], Expression.Constant(db), Shown.Body))).ToListAsync(ct);
}
