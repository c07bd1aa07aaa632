using Microsoft.EntityFrameworkCore;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Email;

/// <summary>One row of the demo inbox list (no bodies: they can be 100 KB each).</summary>
public sealed record OutboxSummary(
    int Id, string Kind, string ToName, string ToAddress, string Subject, DateTime CreatedAtUtc,
    DateTime? SentAtUtc, DateTime? FailedAtUtc, DateTime NextAttemptAtUtc, int Attempts, string? LastError);

public sealed record OutboxPage(IReadOnlyList<OutboxSummary> Items, int PageNumber, int PageCount, int Total);

/// <summary>Reads the outbox for the Development mail page.</summary>
public sealed class OutboxQueries(ReadinessDbContext db)
{
    public const int PageSize = 25;

    /// <summary>Newest first; <paramref name="pageNumber"/> is 1-based and clamped to the pages that exist.</summary>
    public async Task<OutboxPage> ListAsync(int pageNumber, CancellationToken ct)
    {
        var total = await db.Outbox.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(pageNumber, 1, pageCount);
        var items = await db.Outbox.AsNoTracking()
            .OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(m => new OutboxSummary(m.Id, m.Kind, m.ToName, m.ToAddress, m.Subject, m.CreatedAtUtc,
                m.SentAtUtc, m.FailedAtUtc, m.NextAttemptAtUtc, m.Attempts, m.LastError))
            .ToListAsync(ct);
        return new OutboxPage(items, page, pageCount, total);
    }

    public Task<OutboxMessage?> FindAsync(int id, CancellationToken ct) =>
        db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
}
