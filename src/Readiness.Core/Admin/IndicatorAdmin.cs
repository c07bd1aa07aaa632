using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Core.Persistence;

namespace Readiness.Core.Admin;

/// <param name="ConsecutiveAmberForRed">0: the configured default (Indicators:ConsecutiveAmberForRed).</param>
public sealed record IndicatorInput(
    string? Code, string? AreaCode, string? Name, string? Unit, IndicatorDirection Direction, decimal? Baseline, decimal? AmberThreshold,
    decimal? RedThreshold, int? WatchWeeks, int? CheckEveryDays, int? ConsecutiveAmberForRed, IndicatorSource Source, string? SourceUrl);

public sealed record IndicatorAdminRow(int Id, string Code, string Name, string AreaCode, string AreaName, string Unit, IndicatorDirection Direction,
    decimal Baseline, decimal AmberThreshold, decimal RedThreshold, int WatchWeeks, int CheckEveryDays, int ConsecutiveAmberForRed,
    IndicatorSource Source, string? SourceUrl, int Readings, string Stamp);

/// <summary>
/// The PMO defines a release's lead indicators and edits their thresholds, watch window and source — the rules of
/// indicators.json (<see cref="IndicatorDefinition"/>), audited before → after and stale-checked. The indicator check and
/// the release page read them on their next run; readings keep coming from the indicator's page, a file or the source.
/// </summary>
public sealed class IndicatorAdmin(ReadinessDbContext db, AdminSupport support)
{
    public static string StampOf(LeadIndicator i) => Stamp.Of(i.BusinessAreaId, i.Name, i.Unit, i.Direction, i.Baseline, i.AmberThreshold, i.RedThreshold,
        i.WatchWeeks, i.CheckEveryDays, i.ConsecutiveAmberForRed, i.Source, i.SourceUrl);

    public static string Words(LeadIndicator i)
    {
        string N(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
        return $"{i.Name} ({i.Unit}, {i.Direction}): baseline {N(i.Baseline)}, amber {N(i.AmberThreshold)}, red {N(i.RedThreshold)}, watch {i.WatchWeeks} week(s), "
            + $"every {i.CheckEveryDays} day(s), {(i.ConsecutiveAmberForRed == 0 ? "default" : i.ConsecutiveAmberForRed.ToString(CultureInfo.InvariantCulture))} amber for red, "
            + $"{i.Source}{(i.SourceUrl is { } url ? " " + url : "")}";
    }

    public async Task<IReadOnlyList<IndicatorAdminRow>> ListAsync(string releaseCode, CancellationToken ct)
    {
        var rows = await (from i in db.LeadIndicators
                          join r in db.Releases on i.ReleaseId equals r.Id
                          join a in db.BusinessAreas on i.BusinessAreaId equals a.Id
                          where r.Code == releaseCode
                          select new { i, a.Code, a.Name, Readings = db.IndicatorReadings.Count(x => x.IndicatorId == i.Id) }).AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(x => x.i.Name, StringComparer.Ordinal).Select(x => new IndicatorAdminRow(x.i.Id, x.i.Code, x.i.Name, x.Code, x.Name, x.i.Unit, x.i.Direction,
            x.i.Baseline, x.i.AmberThreshold, x.i.RedThreshold, x.i.WatchWeeks, x.i.CheckEveryDays, x.i.ConsecutiveAmberForRed, x.i.Source, x.i.SourceUrl,
            x.Readings, StampOf(x.i))).ToList();
    }

    /// <summary>The input checked, and the spec it makes for <paramref name="releaseId"/>: the area must be one the release impacts.</summary>
    private async Task<(LeadIndicatorSpec? Spec, List<FieldError> Errors)> SpecAsync(int releaseId, string code, IndicatorInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(input.Direction)) errors.Add(new("Direction", "Choose whether higher or lower readings are better."));
        if (!Enum.IsDefined(input.Source)) errors.Add(new("Source", "Choose where readings come from: entered by hand, a CSV file, or an HTTP source."));
        var url = string.IsNullOrWhiteSpace(input.SourceUrl) ? null : input.SourceUrl.Trim();
        errors.AddRange(IndicatorDefinition.Problems(new IndicatorDefinitionInput(code, input.Name, input.Unit,
            Enum.IsDefined(input.Direction) ? input.Direction : null, input.Baseline, input.AmberThreshold, input.RedThreshold,
            input.WatchWeeks, input.CheckEveryDays, input.ConsecutiveAmberForRed ?? 0, Enum.IsDefined(input.Source) ? input.Source : null, url)));
        var areaId = await (from i in db.Impacts join a in db.BusinessAreas on i.BusinessAreaId equals a.Id
                            where i.ReleaseId == releaseId && a.Code == input.AreaCode select (int?)a.Id).FirstOrDefaultAsync(ct);
        if (areaId is null) errors.Insert(0, new("AreaCode", "Choose the business area it is watched in, from the areas this release impacts."));
        if (errors.Count > 0) return (null, errors);
        return (new LeadIndicatorSpec(releaseId, areaId!.Value, code, input.Name!.Trim(), input.Unit!.Trim(), input.Direction, input.Baseline!.Value,
            input.AmberThreshold!.Value, input.RedThreshold!.Value, input.WatchWeeks!.Value, input.CheckEveryDays!.Value, input.ConsecutiveAmberForRed ?? 0,
            input.Source, url), errors);
    }

    public async Task<Result<string>> AddAsync(Actor actor, string releaseCode, IndicatorInput input, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var releaseId = await db.Releases.Where(r => r.Code == releaseCode).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            if (releaseId is null) return Failures.NotFound($"Release {releaseCode}");
            var code = input.Code?.Trim() ?? "";
            var (spec, errors) = await SpecAsync(releaseId.Value, code, input, ct);
            if (IndicatorDefinition.IsCode(code) && await db.LeadIndicators.AnyAsync(i => i.ReleaseId == releaseId && i.Code == code, ct))
                errors.Insert(0, new("Code", $"{releaseCode} already has an indicator {code}. Choose another code, or edit that one."));
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var indicator = new LeadIndicator(spec!);
            db.LeadIndicators.Add(indicator);
            support.Audit(actor, origin, "indicator.defined", "Release", releaseCode, $"{code}: (none) → {Words(indicator)}");
            return AdminSupport.Done($"Lead indicator {spec!.Name} added to {releaseCode}.");
        }, ct);
    }

    /// <summary>Changes an indicator's definition; its code and release stay (readings, alerts and files name them).</summary>
    public async Task<Result<string>> EditAsync(Actor actor, int indicatorId, IndicatorInput input, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var indicator = await db.LeadIndicators.FirstOrDefaultAsync(i => i.Id == indicatorId, ct);
            if (indicator is null) return Failures.NotFound("The indicator");
            var (spec, errors) = await SpecAsync(indicator.ReleaseId, indicator.Code, input, ct);
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            if (StampOf(indicator) != stamp) return AdminSupport.Stale;
            var before = Words(indicator);
            indicator.Apply(spec!);
            var releaseCode = await db.Releases.Where(r => r.Id == indicator.ReleaseId).Select(r => r.Code).FirstAsync(ct);
            support.Audit(actor, origin, "indicator.edited", "Release", releaseCode, $"{indicator.Code}: {before} → {Words(indicator)}");
            return AdminSupport.Done($"Lead indicator {indicator.Name} saved.");
        }, ct);
    }
}
