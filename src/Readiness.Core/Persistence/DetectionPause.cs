using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Readiness.Core.Persistence;

/// <summary>
/// Turns the tracker's automatic change detection off until disposed, then back to what it was. For a look at the
/// tracker, or a save, straight after a detection: each detection compares every tracked row with its snapshot.
/// </summary>
public readonly struct DetectionPause : IDisposable
{
    private readonly ChangeTracker _tracker;
    private readonly bool _detect;

    public DetectionPause(ChangeTracker tracker)
    {
        (_tracker, _detect) = (tracker, tracker.AutoDetectChangesEnabled);
        tracker.AutoDetectChangesEnabled = false;
    }

    public void Dispose() => _tracker.AutoDetectChangesEnabled = _detect;
}
