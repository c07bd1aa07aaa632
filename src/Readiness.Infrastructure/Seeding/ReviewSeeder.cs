using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Reviews;

namespace Readiness.Infrastructure.Seeding;

/// <summary>
/// Releases seeded as already live went live before this system, without the go-live workflow that starts their
/// post-go-live review: this starts it for them (an area review per impacted area and the review's workflow), so the demo
/// has a review in progress. Idempotent, like the review's start itself.
/// </summary>
public sealed class ReviewSeeder(ReadinessDbContext db, PostGoLiveReviewStart reviews)
{
    public async Task ApplyAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var release in await db.Releases.Where(r => r.Status == ReleaseStatus.Live).ToListAsync(ct))
            await reviews.StartAsync(release, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
