using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Startup;

/// <summary>
/// Returns submitted before failures were counted have no <see cref="Core.Assessments.Assessment.FailingCriteria"/>; this
/// counts them once from their answers, so the gate tracker's failure counts are right on a database that predates them.
/// Idempotent: on every later start there is nothing left to count.
/// </summary>
internal sealed class FailingCriteriaBackfill(IServiceScopeFactory scopes) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
        var missing = await db.Assessments.Where(a => a.SubmittedAtUtc != null && a.FailingCriteria == null).ToListAsync(cancellationToken);
        if (missing.Count == 0) return;
        var failures = await ReturnFailures.ForAsync(db, missing.Select(a => a.Id).ToList(), cancellationToken);
        foreach (var a in missing) a.RecordFailingCriteria(failures[a.Id].Count);
        await db.SaveChangesAsync(cancellationToken);
    }
}
