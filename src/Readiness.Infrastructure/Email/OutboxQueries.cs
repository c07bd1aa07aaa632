using Microsoft.EntityFrameworkCore;
using Readiness.Core.Identity;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Email;

/// <summary>One row of the demo inbox list (no bodies: they can be 100 KB each).</summary>
public sealed record OutboxSummary(
    int Id, string Kind, string ToName, string ToAddress, string Subject, DateTime CreatedAtUtc,
    DateTime? SentAtUtc, DateTime? FailedAtUtc, DateTime NextAttemptAtUtc, int Attempts, string? LastError);

public sealed record OutboxPage(IReadOnlyList<OutboxSummary> Items, int PageNumber, int PageCount, int Total);

/// <summary>
/// Reads the outbox for the demo mail page. A person sees only the mail addressed to them; the PMO sees all of it:
/// these emails carry decision links, and a link opened by someone else is a decision taken in the approver's name.
/// </summary>
public sealed class OutboxQueries(ReadinessDbContext db)
{
    public const int PageSize = 25;

    /// <summary>Newest first; <paramref name="pageNumber"/> is 1-based and clamped to the pages that exist.</summary>
    public async Task<OutboxPage> ListAsync(Actor actor, int pageNumber, CancellationToken ct)
    {
        var mine = await VisibleToAsync(actor, ct);
        var total = await mine.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(pageNumber, 1, pageCount);
        var items = await mine
            .OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(m => new OutboxSummary(m.Id, m.Kind, m.ToName, m.ToAddress, m.Subject, m.CreatedAtUtc,
                m.SentAtUtc, m.FailedAtUtc, m.NextAttemptAtUtc, m.Attempts, m.LastError))
            .ToListAsync(ct);
        return new OutboxPage(items, page, pageCount, total);
    }

    /// <summary>The message, or null when it does not exist or is not addressed to the person (the same answer for both).</summary>
    public async Task<OutboxMessage?> FindAsync(Actor actor, int id, CancellationToken ct) =>
        await (await VisibleToAsync(actor, ct)).SingleOrDefaultAsync(m => m.Id == id, ct);

    private async Task<IQueryable<OutboxMessage>> VisibleToAsync(Actor actor, CancellationToken ct)
    {
        var all = db.Outbox.AsNoTracking();
        if (actor.IsIn(Roles.Pmo)) return all;
        var email = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
        // Addresses compared as Identity normalises them (upper case); a person with no email sees nothing.
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL upper(): the same on every provider.
        return email is null ? all.Where(_ => false) : all.Where(m => m.ToAddress.ToUpper() == email);
#pragma warning restore CA1304, CA1311, CA1862
    }
}
