using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Readiness.Core.Portfolio;

/// <summary>
/// The releases a set of pending changes touches, for a read model kept per release (<see cref="GateSummaries"/>,
/// <see cref="AreaWeekLoads"/>). Ids of rows being added are only known after the flush, so they are read then.
/// </summary>
public sealed class TouchedReleases
{
    private readonly HashSet<int> _ids = [];
    private readonly List<Func<int>> _later = [];

    public bool IsEmpty => _ids.Count == 0 && _later.Count == 0;

    /// <summary>Every release touched, once the changes are flushed (added rows have their ids by then).</summary>
    public IReadOnlyCollection<int> ReleaseIds()
    {
        foreach (var id in _later) Add(id());
        _later.Clear();
        return _ids;
    }

    /// <summary>
    /// The releases touched that exist before the flush, for a read model that must count what they held then: rows
    /// being added to a new release carry its temporary (negative) id, and a new release held nothing.
    /// </summary>
    public IReadOnlyCollection<int> ExistingReleaseIds() => [.. _ids.Concat(_later.Select(id => id())).Where(id => id > 0).Distinct()];

    /// <summary>Notes the release of a changed row: the one it belonged to before the change and the one it belongs to after.</summary>
    internal void Note<T>(EntityEntry e, T entity, Func<T, int> releaseId)
    {
        var property = entity is Release ? nameof(Release.Id) : "ReleaseId";
        if (e.State != EntityState.Added && e.Property(property).OriginalValue is int before) Add(before);
        if (e.State == EntityState.Deleted) Add(releaseId(entity));
        else _later.Add(() => releaseId(entity));
    }

    internal static bool Changed(EntityEntry e, params string[] properties) => properties.Any(p => e.Property(p).IsModified);

    private void Add(int releaseId)
    {
        if (releaseId > 0) _ids.Add(releaseId);
    }
}
