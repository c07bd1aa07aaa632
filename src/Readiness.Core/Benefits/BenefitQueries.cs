using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Benefits;

/// <summary>A benefit as every page shows it: what it is, who owns it, its profile, what was measured and its status by rule.</summary>
public sealed record BenefitView(
    int Id, int Version, string Code, string Name, string Description, BenefitKind Kind, int ProgrammeId, string ProgrammeCode, string ProgrammeName,
    string Measure, string Unit, decimal? Baseline, decimal? Target, string OwnerUserId, string OwnerName,
    IReadOnlyList<(string Code, string Name)> Releases, IReadOnlyList<(string Code, string Name)> Areas, int? IndicatorId, string? IndicatorName,
    IReadOnlyList<ProfilePoint> Profile, IReadOnlyList<MeasuredValue> Actuals, BenefitVerdict Verdict, bool CanEdit)
{
    /// <summary>The benefit as its edit form shows it.</summary>
    public BenefitInput ToInput() => new(ProgrammeId, Code, Name, Description, Kind, Measure, Unit, Baseline, Target, OwnerUserId, IndicatorId,
        string.Join(", ", Releases.Select(r => r.Code)), string.Join(", ", Areas.Select(a => a.Code)), BenefitRules.ProfileText(Profile));

    /// <summary>Planned now: what the profile expects today (null without a profile).</summary>
    public decimal? PlannedNow => Verdict.ExpectedToday;
}

/// <summary>What the benefit form offers to choose from.</summary>
public sealed record BenefitChoices(IReadOnlyList<(int Id, string Name)> Programmes, IReadOnlyList<(string Id, string Name)> Owners, IReadOnlyList<(int Id, string Name)> Indicators);

/// <summary>The portfolio's benefits with the cashable totals by programme and financial year.</summary>
public sealed record BenefitPortfolio(IReadOnlyList<BenefitView> Benefits, IReadOnlyList<CashableYear> Cashable, IReadOnlyList<(string Code, string Name)> Programmes);

/// <summary>Read models for the benefit pages; any signed-in person may read them.</summary>
public sealed class BenefitQueries(ReadinessDbContext db, ReadinessClock clock)
{
    public async Task<Result<BenefitView>> GetAsync(Actor actor, int id, CancellationToken ct) =>
        (await ViewsAsync(actor, db.Benefits.Where(b => b.Id == id), ct)) is [var one] ? Result<BenefitView>.Ok(one) : Failures.NotFound("The benefit");

    public Task<string?> ProgrammeNameAsync(string code, CancellationToken ct) =>
        db.Programmes.Where(p => p.Code == code).Select(p => p.Name).FirstOrDefaultAsync(ct);

    public Task<IReadOnlyList<BenefitView>> ForProgrammeAsync(Actor actor, string programmeCode, CancellationToken ct) =>
        ViewsAsync(actor, db.Benefits.Where(b => db.Programmes.Any(p => p.Id == b.ProgrammeId && p.Code == programmeCode)), ct);

    public Task<IReadOnlyList<BenefitView>> ForReleaseAsync(Actor actor, int releaseId, CancellationToken ct) =>
        ViewsAsync(actor, db.Benefits.Where(b => b.Releases.Any(r => r.ReleaseId == releaseId)), ct);

    public async Task<BenefitPortfolio> PortfolioAsync(Actor actor, string? programmeCode, CancellationToken ct)
    {
        var query = string.IsNullOrWhiteSpace(programmeCode) ? db.Benefits : db.Benefits.Where(b => db.Programmes.Any(p => p.Id == b.ProgrammeId && p.Code == programmeCode));
        var views = await ViewsAsync(actor, query, ct);
        var programmes = await db.Programmes.AsNoTracking().Where(p => db.Benefits.Any(b => b.ProgrammeId == p.Id)).OrderBy(p => p.Name)
            .Select(p => new { p.Code, p.Name }).ToListAsync(ct);
        return new BenefitPortfolio(views, CashableYear.Totals(views), programmes.Select(p => (p.Code, p.Name)).ToList());
    }

    public async Task<BenefitChoices> ChoicesAsync(CancellationToken ct)
    {
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var bcmRole = db.Roles.Where(r => r.Name == Roles.Bcm).Select(r => r.Id);
        var owners = await db.Users.AsNoTracking().Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && bcmRole.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var indicators = await (from i in db.LeadIndicators
                                join r in db.Releases on i.ReleaseId equals r.Id
                                orderby r.Code, i.Name
                                select new { i.Id, Name = r.Code + ": " + i.Name + " (" + i.Unit + ")" }).AsNoTracking().ToListAsync(ct);
        return new BenefitChoices(programmes.Select(p => (p.Id, p.Name)).ToList(), owners.Select(o => (o.Id, o.DisplayName)).ToList(), indicators.Select(i => (i.Id, i.Name)).ToList());
    }

    private async Task<IReadOnlyList<BenefitView>> ViewsAsync(Actor actor, IQueryable<Benefit> query, CancellationToken ct)
    {
        var benefits = await query.AsNoTracking().AsSplitQuery().Include(b => b.Releases).Include(b => b.Areas).Include(b => b.Profile).OrderBy(b => b.ProgrammeId).ThenBy(b => b.Name).ToListAsync(ct);
        var ids = benefits.Select(b => b.Id).ToList();
        var programmeIds = benefits.Select(b => b.ProgrammeId).Distinct().ToList();
        var programmes = await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var releaseIds = benefits.SelectMany(b => b.Releases.Select(r => r.ReleaseId)).Distinct().ToList();
        var releases = await db.Releases.AsNoTracking().Where(r => releaseIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => (r.Code, r.Name, r.GoLive), ct);
        var areaIds = benefits.SelectMany(b => b.Areas.Select(a => a.BusinessAreaId)).Distinct().ToList();
        var areas = await db.BusinessAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (a.Code, a.Name), ct);
        var owners = benefits.Select(b => b.OwnerUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var indicatorIds = benefits.Select(b => b.LeadIndicatorId).OfType<int>().Distinct().ToList();
        var indicators = await db.LeadIndicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var measured = (await db.BenefitMeasurements.AsNoTracking().Where(m => ids.Contains(m.BenefitId)).Select(m => new { m.BenefitId, m.Date, m.Value, m.Source }).ToListAsync(ct))
            .ToLookup(m => m.BenefitId, m => new MeasuredValue(m.Date, m.Value, m.Source == MeasurementSource.Csv ? "CSV" : "By hand"));
        var readings = (await db.IndicatorReadings.AsNoTracking().Where(r => indicatorIds.Contains(r.IndicatorId)).Select(r => new { r.IndicatorId, r.Date, r.Value }).ToListAsync(ct))
            .ToLookup(r => r.IndicatorId, r => new MeasuredValue(r.Date, r.Value, "Lead indicator"));
        var today = clock.Today;

        return benefits.Select(b =>
        {
            // A day measured by hand wins over the indicator's reading of the same day.
            var own = measured[b.Id].ToList();
            var actuals = own.Concat(b.LeadIndicatorId is { } i ? readings[i].Where(r => own.All(m => m.Date != r.Date)) : []).OrderBy(m => m.Date).ToList();
            var profile = b.ProfilePoints;
            var programme = programmes[b.ProgrammeId];
            return new BenefitView(b.Id, b.Version, b.Code, b.Name, b.Description, b.Kind, b.ProgrammeId, programme.Code, programme.Name, b.Measure, b.Unit,
                b.Baseline, b.Target, b.OwnerUserId, names.GetValueOrDefault(b.OwnerUserId, ""),
                b.Releases.Select(r => releases[r.ReleaseId]).OrderBy(r => r.GoLive).Select(r => (r.Code, r.Name)).ToList(),
                b.Areas.Select(a => areas[a.BusinessAreaId]).OrderBy(a => a.Name, StringComparer.Ordinal).ToList(),
                b.LeadIndicatorId, b.LeadIndicatorId is { } li ? indicators.GetValueOrDefault(li) : null,
                profile, actuals, BenefitStatusRule.Evaluate(b.Kind, b.Baseline, b.Target, profile, actuals, today), BenefitAccess.CanEdit(actor, b.OwnerUserId));
        }).ToList();
    }
}
