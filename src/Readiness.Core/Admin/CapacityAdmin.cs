using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Admin;

/// <param name="FromWeek">Any day of the first week the capacity applies to (stored as that week's Monday).</param>
public sealed record CapacityInput(DateOnly? FromWeek, decimal? HoursPerWeek, decimal? BauSharePercent);

/// <summary>
/// The PMO sets each business area's weekly training capacity (a history of rows, each from a week on) and its heatmap
/// change tolerance (empty: the configured one). Validated, stale-checked against what the form showed, and audited
/// before → after; the training view, the heatmap and the release warnings read them on the next request.
/// </summary>
public sealed class CapacityAdmin(ReadinessDbContext db, AdminSupport support)
{
    public const decimal MaxTolerance = 10_000_000m;

    /// <summary>The stamp of an area's whole capacity history: a form that showed it refuses to save over a changed one.</summary>
    public static string HistoryStampOf(IEnumerable<TrainingCapacity> history) =>
        Stamp.Of(string.Join(';', history.OrderBy(c => c.FromWeek).Select(c => $"{c.FromWeek:yyyy-MM-dd}={c.HoursPerWeek.ToString(CultureInfo.InvariantCulture)}/{c.BauSharePercent.ToString(CultureInfo.InvariantCulture)}")));

    public static string ToleranceStampOf(BusinessArea a) => Stamp.Of(a.ChangeTolerance);

    public static string Words(decimal hours, decimal share) =>
        $"{hours.ToString("#,0.##", CultureInfo.InvariantCulture)} h a week, {share.ToString("0.##", CultureInfo.InvariantCulture)}% for BAU training ({TrainingLoad.Available(hours, share).ToString("#,0.##", CultureInfo.InvariantCulture)} h available)";

    private async Task<(BusinessArea? Area, List<TrainingCapacity> History)> LoadAsync(string code, CancellationToken ct)
    {
        var area = await db.BusinessAreas.FirstOrDefaultAsync(a => a.Code == code, ct);
        return area is null ? (null, []) : (area, await db.TrainingCapacities.Where(c => c.BusinessAreaId == area.Id).ToListAsync(ct));
    }

    /// <summary>Adds the capacity from a week on, or replaces the one already starting that week.</summary>
    public async Task<Result<string>> SetCapacityAsync(Actor actor, string code, CapacityInput input, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var errors = TrainingLoad.Problems(input.HoursPerWeek, input.BauSharePercent).ToList();
            if (input.FromWeek is null) errors.Insert(0, new("FromWeek", "Enter the first week the capacity applies to (any day in it), e.g. 2026-03-02."));
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var (area, history) = await LoadAsync(code, ct);
            if (area is null) return Failures.NotFound($"Business area {code}");
            if (HistoryStampOf(history) != stamp) return AdminSupport.Stale;
            var week = ChangeLoad.WeekStart(input.FromWeek!.Value);
            var (hours, share) = (input.HoursPerWeek!.Value, input.BauSharePercent!.Value);
            var row = history.FirstOrDefault(c => c.FromWeek == week);
            var before = row is null ? "(none)" : Words(row.HoursPerWeek, row.BauSharePercent);
            if (row is null) db.TrainingCapacities.Add(new TrainingCapacity(area.Id, week, hours, share, actor.UserId, support.Now));
            else row.Change(hours, share, actor.UserId, support.Now);
            support.Audit(actor, origin, "area.training-capacity-set", "BusinessArea", code, $"training capacity from {week:yyyy-MM-dd}: {before} → {Words(hours, share)}");
            return AdminSupport.Done($"Training capacity of {area.Name} from the week commencing {week:d MMM yyyy} saved.");
        }, ct);
    }

    public async Task<Result<string>> RemoveCapacityAsync(Actor actor, string code, int capacityId, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var (area, history) = await LoadAsync(code, ct);
            if (area is null) return Failures.NotFound($"Business area {code}");
            var row = history.FirstOrDefault(c => c.Id == capacityId);
            if (row is null || HistoryStampOf(history) != stamp) return AdminSupport.Stale;
            db.TrainingCapacities.Remove(row);
            support.Audit(actor, origin, "area.training-capacity-removed", "BusinessArea", code,
                $"training capacity from {row.FromWeek:yyyy-MM-dd}: {Words(row.HoursPerWeek, row.BauSharePercent)} → (none)");
            return AdminSupport.Done($"The training capacity of {area.Name} from the week commencing {row.FromWeek:d MMM yyyy} was removed.");
        }, ct);
    }

    /// <param name="tolerance">Null: back to the configured tolerance.</param>
    public async Task<Result<string>> SetToleranceAsync(Actor actor, string code, decimal? tolerance, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            if (tolerance is <= 0 or > MaxTolerance)
                return Failures.Invalid("ChangeTolerance", $"Enter the area's weekly change tolerance in person-hours, above 0 and up to {MaxTolerance.ToString("#,0", CultureInfo.InvariantCulture)}, or leave it empty to use the configured one.");
            var area = await db.BusinessAreas.FirstOrDefaultAsync(a => a.Code == code, ct);
            if (area is null) return Failures.NotFound($"Business area {code}");
            if (ToleranceStampOf(area) != stamp) return AdminSupport.Stale;
            string Text(decimal? t) => t is { } v ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : "(configured)";
            var before = Text(area.ChangeTolerance);
            area.SetChangeTolerance(tolerance);
            support.Audit(actor, origin, "area.tolerance-set", "BusinessArea", code, $"change tolerance: {before} → {Text(tolerance)}");
            return AdminSupport.Done(tolerance is null ? $"{area.Name} now uses the configured change tolerance." : $"Change tolerance of {area.Name} saved.");
        }, ct);
    }
}
