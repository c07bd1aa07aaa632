using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Admin;

/// <summary>What every admin use case shares: the PMO check, codes, audit lines, and the returns a change calls for.</summary>
public sealed partial class AdminSupport(ReadinessDbContext db, AuditLog audit, ReadinessClock clock)
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,19}$")]
    private static partial Regex CodePattern();

    public const string NotPmo = "Only the PMO can change the portfolio.";

    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    public const string CodeRule = "Use up to 20 capital letters, digits and hyphens, starting with a letter or digit.";

    public DateTime Now => clock.UtcNow;

    public Task AuditAsync(Actor actor, RequestOrigin origin, string action, string subjectType, object subjectId, string summary, CancellationToken ct) =>
        audit.AppendAsync(new AuditRecord(clock.UtcNow, actor.UserId, null, action, subjectType, Convert.ToString(subjectId, CultureInfo.InvariantCulture) ?? "",
            AuditChannel.Web, origin.IpAddress, origin.UserAgent, summary), ct);

    /// <summary>
    /// Creates the missing returns of a release still before go-live (Planned or InReadiness, as the seeder does): one per
    /// impacted area for each gate with a template, on the latest published version of that template. Returns created.
    /// </summary>
    public async Task<int> EnsureReturnsAsync(Release release, CancellationToken ct)
    {
        if (release.Status is not (ReleaseStatus.Planned or ReleaseStatus.InReadiness)) return 0;
        var gates = await db.Gates.Where(g => g.ReleaseId == release.Id && g.TemplateId != null).ToListAsync(ct);
        if (gates.Count == 0) return 0;
        var areaIds = await db.Impacts.Where(i => i.ReleaseId == release.Id).Select(i => i.BusinessAreaId).ToListAsync(ct);
        areaIds.AddRange(db.ChangeTracker.Entries<Impact>().Where(e => e.State == EntityState.Added && e.Entity.ReleaseId == release.Id).Select(e => e.Entity.BusinessAreaId));
        var existing = await db.Assessments.Where(a => a.ReleaseId == release.Id).Select(a => new { a.GateId, a.BusinessAreaId }).ToListAsync(ct);
        var created = 0;
        foreach (var gate in gates)
        {
            var key = await db.Templates.Where(t => t.Id == gate.TemplateId).Select(t => t.Key).FirstAsync(ct);
            var latest = await db.Templates.Where(t => t.Key == key).OrderByDescending(t => t.Version).Select(t => t.Id).FirstAsync(ct);
            foreach (var areaId in areaIds.Distinct().Where(a => !existing.Any(e => e.GateId == gate.Id && e.BusinessAreaId == a)))
            {
                db.Assessments.Add(new Assessment(release.Id, gate.Id, areaId, latest, clock.UtcNow));
                created++;
            }
        }
        return created;
    }

    /// <summary>
    /// Runs the change (its stale check included) and saves it with its audit line in one transaction. A lost race on
    /// the audit chain is retried from a clean state (<see cref="DbRetry"/>), so the stale check runs again; a unique
    /// index taken meanwhile (the same code created twice) reads as "changed by someone else".
    /// </summary>
    public async Task<AdminOutcome> CommitAsync(Func<Task<AdminOutcome>> change, CancellationToken ct)
    {
        try
        {
            return await DbRetry.RunAsync(db, async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var outcome = await change();
                if (!outcome.Succeeded)
                {
                    db.ChangeTracker.Clear();
                    return outcome;
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return outcome;
            });
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return AdminOutcome.Conflict();
        }
    }
}
