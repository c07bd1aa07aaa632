using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Admin;

public sealed record DependencyRow(int Id, string DependsOnCode, string DependsOnName, DateOnly DependsOnGoLive, string Note, string Stamp);

/// <summary>
/// The PMO says which releases must go live before another ("dependsOn" in portfolio.json): the tracker and timeline
/// flag the dependant when one is late. A release cannot depend on itself, twice on one release, or on one that
/// (through others) depends on it.
/// </summary>
public sealed class DependencyAdmin(ReadinessDbContext db, AdminSupport support)
{
    public const int MaxNote = 500;

    public static string StampOf(ReleaseDependency d) => Stamp.Of(d.ReleaseId, d.DependsOnReleaseId, d.Note);

    public async Task<IReadOnlyList<DependencyRow>> ListAsync(string releaseCode, CancellationToken ct)
    {
        var rows = await (from d in db.ReleaseDependencies
                          join r in db.Releases on d.ReleaseId equals r.Id
                          join first in db.Releases on d.DependsOnReleaseId equals first.Id
                          where r.Code == releaseCode
                          orderby first.GoLive, first.Code
                          select new { d, first.Code, first.Name, first.GoLive }).AsNoTracking().ToListAsync(ct);
        return rows.Select(x => new DependencyRow(x.d.Id, x.Code, x.Name, x.GoLive, x.d.Note, StampOf(x.d))).ToList();
    }

    public async Task<Result<string>> AddAsync(Actor actor, string releaseCode, string? dependsOnCode, string? note, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var releases = await db.Releases.Select(r => new { r.Id, r.Code }).ToDictionaryAsync(r => r.Code, r => r.Id, ct);
            if (!releases.TryGetValue(releaseCode, out var releaseId)) return Failures.NotFound($"Release {releaseCode}");
            var errors = new List<FieldError>();
            if (TextLimits.TooLong(note, MaxNote, "The note") is { } tooLong) errors.Add(new("Note", tooLong));
            if (string.IsNullOrWhiteSpace(dependsOnCode) || !releases.TryGetValue(dependsOnCode, out var onId))
                return AdminSupport.Invalid([new("DependsOnCode", "Choose the release that must go live first."), .. errors]);
            var links = await db.ReleaseDependencies.Select(d => new { d.ReleaseId, d.DependsOnReleaseId }).ToListAsync(ct);
            if (onId == releaseId) errors.Add(new("DependsOnCode", $"{releaseCode} cannot depend on itself. Choose another release."));
            else if (links.Any(l => l.ReleaseId == releaseId && l.DependsOnReleaseId == onId)) errors.Add(new("DependsOnCode", $"{releaseCode} already depends on {dependsOnCode}."));
            else if (Reaches(onId, releaseId, links.ToLookup(l => l.ReleaseId, l => l.DependsOnReleaseId)))
                errors.Add(new("DependsOnCode", $"{dependsOnCode} already depends, directly or through other releases, on {releaseCode}: the two would wait for each other. Remove that dependency first."));
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var text = string.IsNullOrWhiteSpace(note) ? $"{releaseCode} needs {dependsOnCode} live first" : note.Trim();
            db.ReleaseDependencies.Add(new ReleaseDependency(releaseId, onId, text));
            support.Audit(actor, origin, "release.dependency-added", "Release", releaseCode, $"(no dependency on {dependsOnCode}) → depends on {dependsOnCode}: {text}");
            return AdminSupport.Done($"{releaseCode} now depends on {dependsOnCode}.");
        }, ct);
    }

    public async Task<Result<string>> RemoveAsync(Actor actor, string releaseCode, int dependencyId, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var d = await db.ReleaseDependencies.FirstOrDefaultAsync(x => x.Id == dependencyId, ct);
            if (d is null) return AdminSupport.Stale; // removed by someone else meanwhile
            var codes = await db.Releases.Where(r => r.Id == d.ReleaseId || r.Id == d.DependsOnReleaseId).ToDictionaryAsync(r => r.Id, r => r.Code, ct);
            if (codes.GetValueOrDefault(d.ReleaseId) != releaseCode || StampOf(d) != stamp) return AdminSupport.Stale;
            db.ReleaseDependencies.Remove(d);
            var on = codes[d.DependsOnReleaseId];
            support.Audit(actor, origin, "release.dependency-removed", "Release", releaseCode, $"depends on {on}: {d.Note} → (no dependency on {on})");
            return AdminSupport.Done($"{releaseCode} no longer depends on {on}.");
        }, ct);
    }

    /// <summary>Whether <paramref name="from"/> depends, directly or through others, on <paramref name="target"/>.</summary>
    private static bool Reaches(int from, int target, ILookup<int, int> dependsOn)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>([from]);
        while (stack.TryPop(out var id))
        {
            if (id == target) return true;
            if (!seen.Add(id)) continue;
            foreach (var next in dependsOn[id]) stack.Push(next);
        }
        return false;
    }
}
