using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

/// <summary>
/// The programmes and business areas every filter box offers, kept by each node between requests (a singleton) and
/// read again only when <see cref="ReferenceChange"/> says they changed: the tracker, releases list and timeline
/// each spent about a tenth of a request reading and sorting the same 120 rows. A copy made by hand
/// (<c>new ReferenceLists()</c>, as tests build the queries that use it) is simply empty, and reads them.
/// </summary>
public sealed class ReferenceLists
{
    /// <summary>Up to this many programmes, a box carries them all (<see cref="PortfolioChoices.InlineLimit"/>); one more tells "few" from "many".</summary>
    private const int ProgrammesKept = PortfolioChoices.InlineLimit + 1;

    /// <summary>An area with its place in the tree and the PMO's own change tolerance (the heatmap's), if set.</summary>
    public sealed record Area(int Id, string Code, string Name, int? ParentId, decimal? ChangeTolerance);

    /// <summary>The lists as of <see cref="Version"/>: the first programmes by name, and every area by name.</summary>
    public sealed record Snapshot(int Version, IReadOnlyList<PortfolioChoice> FirstProgrammes, IReadOnlyList<Area> Areas)
    {
        /// <summary>The areas as a box offers them, made once per version rather than at every request.</summary>
        public IReadOnlyList<PortfolioChoice> AreaChoices { get; } = [.. Areas.Select(a => new PortfolioChoice(a.Code, a.Name))];
    }

    private Snapshot? _current;

    public async Task<Snapshot> GetAsync(ReadinessDbContext db, CancellationToken ct)
    {
        var version = await VersionOf.For(db)(db, ct);
        if (Volatile.Read(ref _current) is { } current && current.Version == version) return current;
        // Read after the version: a change committed in between makes these newer than the version they are kept
        // under, never older, and the next request sees the higher version and reads them again.
        var fresh = new Snapshot(version, await ProgrammesOf.For(db)(db).ToListAsync(ct), await AreasOf.For(db)(db).ToListAsync(ct));
        Volatile.Write(ref _current, fresh);
        return fresh;
    }

    // Compiled once: the version runs on every page with a filter box, the lists whenever they change. The version is
    // how many changes have committed, not the highest id: PostgreSQL hands out ids as rows are inserted, so a change
    // holding a lower id can commit after one holding a higher id and leave the highest id as it was. Changes are only
    // ever added, so every commit raises the count.
    private static readonly CompiledPerModel<Func<ReadinessDbContext, CancellationToken, Task<int>>> VersionOf = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db, CancellationToken ct) => db.ReferenceChanges.Count()));

    private static readonly CompiledPerModel<Func<ReadinessDbContext, IAsyncEnumerable<PortfolioChoice>>> ProgrammesOf = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db) => db.Programmes.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Code).Take(ProgrammesKept)
            .Select(p => new PortfolioChoice(p.Code, p.Name))));

    private static readonly CompiledPerModel<Func<ReadinessDbContext, IAsyncEnumerable<Area>>> AreasOf = new(() =>
        EF.CompileAsyncQuery((ReadinessDbContext db) => db.BusinessAreas.AsNoTracking().OrderBy(a => a.Name).ThenBy(a => a.Code)
            .Select(a => new Area(a.Id, a.Code, a.Name, a.ParentId, a.ChangeTolerance))));
}

/// <summary>
/// The node's lists (<see cref="ReferenceLists"/>) as one request sees them: checked against the database once, however
/// many of the request's queries ask (a filtered tracker asks for its boxes and again for the area's sub-areas), so a
/// request reads the version once and sees one snapshot throughout. Scoped; one made by hand has its own node copy.
/// </summary>
public sealed class RequestReferenceLists(ReferenceLists? node = null)
{
    private readonly ReferenceLists _node = node ?? new ReferenceLists();
    private ReferenceLists.Snapshot? _seen;

    public async Task<ReferenceLists.Snapshot> GetAsync(ReadinessDbContext db, CancellationToken ct) => _seen ??= await _node.GetAsync(db, ct);
}
