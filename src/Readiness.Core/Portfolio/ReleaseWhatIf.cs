using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Core.Portfolio;

/// <summary>The training and change-load warnings of a release at its T0 and with T0 moved by <see cref="ShiftWeeks"/> weeks.</summary>
public sealed record WhatIfView(
    string ReleaseCode, string ReleaseName, DateOnly GoLive, int ShiftWeeks, DateOnly MovedGoLive,
    TrainingWarning? TrainingNow, TrainingWarning? TrainingMoved, ChangeLoadWarning? LoadNow, ChangeLoadWarning? LoadMoved)
{
    public int TrainingWeeksNow => TrainingNow?.Weeks.Count ?? 0;
    public int TrainingWeeksMoved => TrainingMoved?.Weeks.Count ?? 0;
    public int LoadWeeksNow => LoadNow?.Weeks.Count ?? 0;
    public int LoadWeeksMoved => LoadMoved?.Weeks.Count ?? 0;
}

/// <summary>
/// "What if go-live moved?": the release's warnings computed as they are and as they would be with T0 moved by a whole
/// number of weeks, before anyone changes the date. A read only — nothing is saved, the gates do not move.
/// </summary>
public sealed class ReleaseWhatIf(ReadinessDbContext db, TrainingQueries training, HeatmapQueries heatmap)
{
    public const int MaxShiftWeeks = 26;

    /// <summary>Null when there is no such release.</summary>
    public async Task<WhatIfView?> ForAsync(string code, int shiftWeeks, CancellationToken ct)
    {
        var r = await db.Releases.AsNoTracking().Where(x => x.Code == code).Select(x => new { x.Id, x.Code, x.Name, x.GoLive }).FirstOrDefaultAsync(ct);
        if (r is null) return null;
        var days = 7 * Math.Clamp(shiftWeeks, -MaxShiftWeeks, MaxShiftWeeks);
        return new WhatIfView(r.Code, r.Name, r.GoLive, days / 7, r.GoLive.AddDays(days),
            await training.WarningAsync(r.Id, ct), days == 0 ? null : await training.WarningAsync(r.Id, ct, days),
            await heatmap.WarningAsync(r.Id, ct), days == 0 ? null : await heatmap.WarningAsync(r.Id, ct, days));
    }
}
