using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Admin;

/// <summary>Where an area's own heatmap tolerance comes from: the PMO's page, a per-area key, or the default key.</summary>
public enum ToleranceSource
{
    Database,
    AreaSetting,
    DefaultSetting,
}

public sealed record CapacityListRow(string Code, string Name, int Depth, CapacityEntry? Now, DateOnly? NextChange, decimal Tolerance, ToleranceSource Source);

public sealed record CapacityHistoryRow(int Id, DateOnly FromWeek, decimal HoursPerWeek, decimal BauSharePercent, decimal Available, string? RecordedBy, DateTime RecordedAtUtc, bool InForce);

public sealed record AreaCapacityView(
    string Code, string Name, IReadOnlyList<CapacityHistoryRow> History, string HistoryStamp,
    decimal? OwnTolerance, decimal ConfiguredTolerance, ToleranceSource ConfiguredFrom, string ToleranceStamp);

/// <summary>Read models of the PMO's capacity pages: every area's training capacity and change tolerance, and one area's history.</summary>
public sealed class CapacityQueries(ReadinessDbContext db, IOptions<HeatmapOptions> options, ReadinessClock clock)
{
    private HeatmapOptions Options => options.Value;

    private DateOnly ThisWeek => ChangeLoad.WeekOf(clock.UtcNow, clock.Zone);

    /// <summary>The tolerance configuration gives the area, and which key it comes from.</summary>
    public (decimal Tolerance, ToleranceSource Source) Configured(string code) =>
        Options.AreaTolerances.TryGetValue(code, out var t) ? (t, ToleranceSource.AreaSetting) : (Options.Tolerance, ToleranceSource.DefaultSetting);

    public async Task<IReadOnlyList<CapacityListRow>> ListAsync(CancellationToken ct)
    {
        var areas = await db.BusinessAreas.AsNoTracking().Select(a => new { a.Id, a.Code, a.Name, a.ParentId, a.ChangeTolerance }).ToListAsync(ct);
        var history = (await db.TrainingCapacities.AsNoTracking()
            .Select(c => new CapacityEntry(c.BusinessAreaId, c.FromWeek, c.HoursPerWeek, c.BauSharePercent)).ToListAsync(ct)).ToLookup(c => c.AreaId);
        var week = ThisWeek;
        return AreaTree.InOrder(areas, a => a.Id, a => a.ParentId, a => a.Name).Select(x =>
        {
            var (tolerance, source) = x.Area.ChangeTolerance is { } own ? (own, ToleranceSource.Database) : Configured(x.Area.Code);
            var next = history[x.Area.Id].Where(c => c.FromWeek > week).Select(c => (DateOnly?)c.FromWeek).Min();
            return new CapacityListRow(x.Area.Code, x.Area.Name, x.Depth, TrainingLoad.InForce(history[x.Area.Id], week), next, tolerance, source);
        }).ToList();
    }

    public async Task<AreaCapacityView?> AreaAsync(string code, CancellationToken ct)
    {
        var area = await db.BusinessAreas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
        if (area is null) return null;
        var rows = await db.TrainingCapacities.AsNoTracking().Where(c => c.BusinessAreaId == area.Id).OrderBy(c => c.FromWeek).ToListAsync(ct);
        var names = await db.Users.AsNoTracking().Where(u => rows.Select(r => r.RecordedByUserId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var inForce = rows.Where(r => r.FromWeek <= ThisWeek).Select(r => (DateOnly?)r.FromWeek).Max();
        var history = rows.Select(r => new CapacityHistoryRow(r.Id, r.FromWeek, r.HoursPerWeek, r.BauSharePercent, r.Available,
            r.RecordedByUserId is { } by ? names.GetValueOrDefault(by) : null, r.RecordedAtUtc, r.FromWeek == inForce)).ToList();
        var (configured, from) = Configured(area.Code);
        return new AreaCapacityView(area.Code, area.Name, history, CapacityAdmin.HistoryStampOf(rows), area.ChangeTolerance, configured, from,
            CapacityAdmin.ToleranceStampOf(area));
    }
}
