using System.Security.Cryptography;
using System.Text;
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
public sealed partial class AdminSupport(ReadinessDbContext db, UnitOfWork unitOfWork, AuditLog audit, ReadinessClock clock, GoLiveGateProgress gateProgress)
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,19}$")]
    private static partial Regex CodePattern();

    public const string NotPmo = "Only the PMO can change the portfolio.";

    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    public const string CodeRule = "Use up to 20 capital letters, digits and hyphens, starting with a letter or digit.";

    public DateTime Now => clock.UtcNow;

    public void Audit(Actor actor, RequestOrigin origin, string action, string subjectType, object subjectId, string summary) =>
        audit.Append(new AuditRecord(clock.UtcNow, actor.UserId, null, action, subjectType, Convert.ToString(subjectId, CultureInfo.InvariantCulture) ?? "",
            AuditChannel.Web, origin.IpAddress, origin.UserAgent, summary));

    /// <summary>
    /// Creates the missing returns of a release still before go-live (Planned or InReadiness, as the seeder does): one per
    /// impacted area for each gate with a template, on the latest published version of that template. Returns created.
    /// </summary>
    public async Task<int> EnsureReturnsAsync(Release release, CancellationToken ct)
    {
        if (release.Status is not (ReleaseStatus.Planned or ReleaseStatus.InReadiness)) return 0;
        // Nothing is saved before the commit, so the release's gates, impacts and returns are read as the unit of work
        // holds them: loaded into the change tracker, where gates and impacts added, changed or removed by this change
        // already are as they will be saved (Local leaves out what is being deleted).
        await db.Gates.Where(g => g.ReleaseId == release.Id).LoadAsync(ct);
        await db.Impacts.Where(i => i.ReleaseId == release.Id).LoadAsync(ct);
        await db.Assessments.Where(a => a.ReleaseId == release.Id).LoadAsync(ct);
        var gates = db.Gates.Local.Where(g => g.ReleaseId == release.Id && g.TemplateId != null).ToList();
        if (gates.Count == 0) return 0;
        var areaIds = db.Impacts.Local.Where(i => i.ReleaseId == release.Id).Select(i => i.BusinessAreaId).Distinct().ToList();
        var existing = db.Assessments.Local.Where(a => a.ReleaseId == release.Id).ToList();
        var created = 0;
        foreach (var gate in gates)
        {
            var key = await db.Templates.Where(t => t.Id == gate.TemplateId).Select(t => t.Key).FirstAsync(ct);
            var latest = await db.Templates.Where(t => t.Key == key).OrderByDescending(t => t.Version).Select(t => t.Id).FirstAsync(ct);
            foreach (var areaId in areaIds.Where(a => !existing.Any(e => (ReferenceEquals(e.Gate, gate) || (gate.Id != 0 && e.GateId == gate.Id)) && e.BusinessAreaId == a)))
            {
                db.Assessments.Add(new Assessment(release.Id, gate, areaId, latest, clock.UtcNow));
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
    /// Runs the change — its validation and stale check included — in one unit of work with its audit line. A lost race
    /// (the audit chain, or the same code created twice at once) runs it again on fresh data, so the second PMO is told
    /// the code is taken, or that the record changed. Every release whose gates, impacts or returns changed is then
    /// offered to <see cref="GoLiveGateProgress"/> in the same transaction, once the change is flushed (a new gate
    /// needs its id): a PMO change can complete a release's returns with nobody approving anything, and the SRO is
    /// then asked as an approval would have.
    /// </summary>
    public Task<Result<string>> CommitAsync(Func<Task<Result<string>>> change, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            var outcome = await change();
            if (!outcome.Succeeded) return outcome;
            var touched = ReleasesTouched();
            unitOfWork.AfterFlush(async c2 =>
            {
                foreach (var releaseId in touched.Order()) await gateProgress.AfterPortfolioChangeAsync(releaseId, c2);
            });
            return outcome;
        }, ct, StaleMessage);

    public const string StaleMessage = "This was changed by someone else while you were editing. Their change is shown below: check it and make your change again.";

    public static Failure Stale => Failures.Stale(StaleMessage);

    public static Failure NotPmoFailure => Failures.Forbidden(NotPmo);

    public static Result<string> Done(string message) => Result<string>.Ok(message);

    public static Failure Invalid(IEnumerable<FieldError> errors) => Failures.Invalid(errors);
}

/// <summary>
/// App-managed concurrency for the PMO's edits without a schema change: a form carries the stamp of what it showed
/// (a hash of the row's editable values); a save whose stamp no longer matches the row is refused as stale.
/// The check and the write run in one transaction, and SQLite serialises writers, so two saves cannot both pass.
/// </summary>
public static class Stamp
{
    public static string Of(params object?[] values)
    {
        var text = string.Join('\u001f', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
