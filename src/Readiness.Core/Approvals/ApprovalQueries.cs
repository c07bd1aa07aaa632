using System.Globalization;
using System.Linq.Expressions;
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
        var shown = await DetailedAsync(await PendingPage.For(db)(db, userId, (page - 1) * InboxPageSize, InboxPageSize).ToListAsync(ct), ct);
        var past = await DetailedAsync(await Past.For(db)(db, userId, PastShown).ToListAsync(ct), ct);
        return new Inbox(shown.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).ToList(), past.OrderByDescending(r => r.DecidedAtUtc).ThenByDescending(r => r.Id).ToList(),
            total, page);
    }

    // Declared before the compiled queries that use it (static fields initialise in order).
    private static readonly Expression<Func<ApprovalRequest, Portfolio.Release, RequestRow>> Row = (r, rel) => new RequestRow
    {
        Id = r.Id, Kind = r.Kind, SubjectId = r.SubjectId, DueOn = r.DueOn, CreatedAtUtc = r.CreatedAtUtc, Status = r.Status, Decision = r.Decision,
        DecidedAtUtc = r.DecidedAtUtc, OnBehalfOfUserId = r.OnBehalfOfUserId, Comment = r.Comment, Code = rel.Code, Name = rel.Name,
    };

    // The inbox's queries are compiled once: every approver's inbox runs them (its count is DecisionsWaiting's). A request
    // whose re-sent replacement is waiting to be delivered is the same decision: it is listed once.

    private static readonly CompiledPerModel<Func<ReadinessDbContext, string, int, int, IAsyncEnumerable<RequestRow>>> PendingPage = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, string userId, int skip, int take) =>
            db.ApprovalRequests.AsNoTracking()
                .Where(r => r.ApproverUserId == userId && r.Status == ApprovalStatus.Pending
                    && !db.ApprovalRequests.Any(n => n.ReplacesRequestId == r.Id && n.Status == ApprovalStatus.Pending))
                .OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).Skip(skip).Take(take)
                .Join(db.Releases, r => r.ReleaseId, rel => rel.Id, Row)));

    private static readonly CompiledPerModel<Func<ReadinessDbContext, string, int, IAsyncEnumerable<RequestRow>>> Past = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, string userId, int take) =>
            db.ApprovalRequests.AsNoTracking()
                .Where(r => r.ApproverUserId == userId && r.Status != ApprovalStatus.Pending)
                .OrderByDescending(r => r.DecidedAtUtc).ThenByDescending(r => r.Id).Take(take)
                .Join(db.Releases, r => r.ReleaseId, rel => rel.Id, Row)));

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

    private async Task<List<RequestSummary>> SummariesAsync(IQueryable<ApprovalRequest> requests, CancellationToken ct) =>
        await DetailedAsync(await requests.AsNoTracking().Join(db.Releases, r => r.ReleaseId, rel => rel.Id, Row).ToListAsync(ct), ct);

    /// <summary>A request with its release, and only the columns shown: its row also holds its token hash, content hash and workflow state.</summary>
    private sealed class RequestRow
    {
        public required int Id { get; init; }
        public required ApprovalKind Kind { get; init; }
        public required int SubjectId { get; init; }
        public required DateOnly DueOn { get; init; }
        public required DateTime CreatedAtUtc { get; init; }
        public required ApprovalStatus Status { get; init; }
        public required Decision? Decision { get; init; }
        public required DateTime? DecidedAtUtc { get; init; }
        public required string? OnBehalfOfUserId { get; init; }
        public required string Comment { get; init; }
        public required string Code { get; init; }
        public required string Name { get; init; }
    }

    /// <summary>The requests with their returns' area, RAG and score and their delegators' names: two more queries, each skipped when nothing needs it.</summary>
    private async Task<List<RequestSummary>> DetailedAsync(List<RequestRow> rows, CancellationToken ct)
    {
        var returnIds = rows.Where(x => x.Kind == ApprovalKind.AreaReturn).Select(x => x.SubjectId).Distinct().ToList();
        var returns = returnIds.Count == 0 ? new Dictionary<int, ReturnDetails>() : await (from a in db.Assessments
                                                         join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
                                                         where returnIds.Contains(a.Id)
                                                         select new ReturnDetails(a.Id, area.Name, a.Rag, a.Score)).ToDictionaryAsync(x => x.Id, ct);
        var delegatorIds = rows.Select(x => x.OnBehalfOfUserId).OfType<string>().Distinct().ToList();
        var delegators = delegatorIds.Count == 0 ? new Dictionary<string, string>() : await db.Users.Where(u => delegatorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(x =>
        {
            var a = x.Kind == ApprovalKind.AreaReturn ? returns.GetValueOrDefault(x.SubjectId) : null;
            return new RequestSummary(x.Id, x.Kind, x.SubjectId, x.Code, x.Name, a?.Name, x.DueOn, x.CreatedAtUtc, x.Status, x.Decision,
                x.DecidedAtUtc, x.OnBehalfOfUserId is { } d ? delegators.GetValueOrDefault(d) : null, x.Comment, a?.Rag, a?.Score);
        }).ToList();
    }

    private sealed record ReturnDetails(int Id, string Name, Rag? Rag, decimal? Score);
}
