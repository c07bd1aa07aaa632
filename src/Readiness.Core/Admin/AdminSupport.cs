using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Admin;

/// <summary>What every admin use case shares: the PMO check, codes, audit lines, and the returns a change calls for.</summary>
public sealed partial class AdminSupport(ReadinessDbContext db, AuditLog audit, ReadinessClock clock, GoLiveGateProgress gateProgress)
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

    private List<int> ReleasesTouched() =>
        db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity switch { Gate g => g.ReleaseId, Impact i => i.ReleaseId, Assessment a => a.ReleaseId, _ => 0 })
            .Where(id => id != 0).Distinct().ToList();

    /// <summary>
    /// Runs the change (its stale check included) and saves it with its audit line in one transaction. A lost race on
    /// the audit chain is retried from a clean state (<see cref="DbRetry"/>), so the stale check runs again; a unique
    /// index taken meanwhile (the same code created twice) reads as "changed by someone else". Every release whose gates,
    /// impacts or returns changed is then offered to <see cref="GoLiveGateProgress"/> in the same transaction.
    /// </summary>
    public async Task<AdminOutcome> CommitAsync(Func<Task<AdminOutcome>> change, CancellationToken ct)
    {
        // Changes save more than once inside a use case, so the releases touched are collected at every save.
        var touched = new HashSet<int>();
        void Collect(object? sender, SavingChangesEventArgs e) => touched.UnionWith(ReleasesTouched());
        db.SavingChanges += Collect;
        try
        {
            return await DbRetry.RunAsync(db, async () =>
            {
                touched.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var outcome = await change();
                if (!outcome.Succeeded)
                {
                    db.ChangeTracker.Clear();
                    return outcome;
                }
                await db.SaveChangesAsync(ct);
                // A change to gates, impacts or returns can complete a release's returns with nobody approving anything;
                // the SRO is then asked in this same transaction, as an approval would have.
                foreach (var releaseId in touched.Order().ToList()) await gateProgress.AfterPortfolioChangeAsync(releaseId, ct);
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
        finally
        {
            db.SavingChanges -= Collect;
        }
    }
}
