using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Core.Persistence;

namespace Readiness.Core.Benefits;

/// <summary>
/// Adding and changing benefits and recording their measurements (one by hand, or many from a file, all or nothing), each
/// in one unit of work with its audit entry. An edit carries the version the form was opened on: a benefit changed by
/// someone else since is refused as stale, never overwritten.
/// </summary>
public sealed class BenefitCommands(ReadinessDbContext db, UnitOfWork unitOfWork, AuditLog audit, ReadinessClock clock, IndicatorSettings settings)
{
    public const string Changed = "Someone else changed this benefit after you opened the page. Their version is shown: check it and make your change again.";

    /// <summary>Adds a benefit; the result is its id once committed.</summary>
    public async Task<Result<int>> AddAsync(Actor actor, BenefitInput input, RequestOrigin origin, CancellationToken ct) =>
        (await unitOfWork.RunAsync<Benefit>(async c =>
        {
            if (!BenefitAccess.CanAdd(actor)) return Failures.Forbidden("Only the PMO and Business Change Managers can add benefits.");
            if (!actor.IsIn(Roles.Pmo) && input.OwnerUserId != actor.UserId) return Failures.Invalid("Owner", "You can add a benefit that you own; the PMO can add one for another BCM.");
            var (spec, unread) = await ReadAsync(input, c);
            if (await ProblemsAsync(spec, unread, null, c) is { } invalid) return invalid;
            var benefit = new Benefit(spec, clock.UtcNow);
            db.Benefits.Add(benefit);
            audit.Append(() => Record(actor, origin, "benefit.created", benefit.Id, $"{benefit.Code}: {Summary(spec)}"));
            return Result<Benefit>.Ok(benefit);
        }, ct, "Someone added a benefit with the same code at the same moment. Change the code and try again.")).Map(b => b.Id);

    public Task<Result<int>> EditAsync(Actor actor, int benefitId, int version, BenefitInput input, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            var benefit = await db.Benefits.Include(b => b.Releases).Include(b => b.Areas).Include(b => b.Profile).FirstOrDefaultAsync(b => b.Id == benefitId, c);
            if (benefit is null) return Failures.NotFound("The benefit");
            if (!BenefitAccess.CanEdit(actor, benefit.OwnerUserId)) return Failures.Forbidden(BenefitAccess.EditRefusal);
            if (benefit.Version != version) return Failures.Stale(Changed);
            var (spec, unread) = await ReadAsync(input, c);
            if (await ProblemsAsync(spec, unread, benefit.Id, c) is { } invalid) return invalid;
            var before = Summary(benefit.ToSpec());
            benefit.Apply(spec);
            var after = Summary(spec);
            if (before != after) audit.Append(Record(actor, origin, "benefit.changed", benefit.Id, $"{benefit.Code}: {before} → {after}"));
            return Result<int>.Ok(benefit.Id);
        }, ct, Changed);

    /// <summary>The rules of <see cref="BenefitRules"/> plus those that need the database: codes, the programme's releases, a BCM owner, a matching indicator.</summary>
    private async Task<Failure?> ProblemsAsync(BenefitSpec spec, Dictionary<string, string> unread, int? id, CancellationToken ct)
    {
        var e = new Dictionary<string, string>(BenefitRules.Problems(spec));
        foreach (var (field, message) in unread) e[field] = message;
        if (!e.ContainsKey("Code") && await db.Benefits.AnyAsync(b => b.Code == spec.Code.Trim() && b.Id != id, ct)) e["Code"] = $"Another benefit has the code {spec.Code.Trim()}. Choose another.";
        if (!await db.Programmes.AnyAsync(p => p.Id == spec.ProgrammeId, ct)) e["Programme"] = "Choose the programme the benefit belongs to.";
        var inProgramme = await db.Releases.Where(r => spec.ReleaseIds.Contains(r.Id) && r.ProgrammeId == spec.ProgrammeId).CountAsync(ct);
        if (!e.ContainsKey("Releases") && inProgramme != spec.ReleaseIds.Distinct().Count()) e["Releases"] = "Every release must be one of the programme's.";
        if (!e.ContainsKey("Owner") && !await db.UserRoles.AnyAsync(ur => ur.UserId == spec.OwnerUserId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Bcm), ct))
            e["Owner"] = "The owner must be a Business Change Manager.";
        if (spec.LeadIndicatorId is { } indicatorId)
        {
            var indicator = await db.LeadIndicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == indicatorId, ct);
            if (indicator is null || !spec.ReleaseIds.Contains(indicator.ReleaseId)) e["LeadIndicator"] = "The lead indicator must be one of the benefit's releases.";
            else if (!string.Equals(indicator.Unit, spec.Unit.Trim(), StringComparison.OrdinalIgnoreCase))
                e["LeadIndicator"] = $"The indicator is measured in {indicator.Unit} and the benefit in {spec.Unit.Trim()}: its readings cannot count as measurements.";
        }
        return e.Count == 0 ? null : Failures.Invalid(e, "Check the benefit: " + string.Join(" ", e.Values));
    }

    /// <summary>The form's text (release and area codes, the profile's lines) as a spec, and what could not be read, by field.</summary>
    private async Task<(BenefitSpec Spec, Dictionary<string, string> Unread)> ReadAsync(BenefitInput input, CancellationToken ct)
    {
        var unread = new Dictionary<string, string>();
        void Unknown(string field, IEnumerable<string> codes)
        {
            if (codes.ToList() is { Count: > 0 } unknown) unread[field] = $"Unknown code(s): {string.Join(", ", unknown)}. Use the codes shown on the release and business area pages.";
        }
        var releaseCodes = Codes(input.ReleaseCodes);
        var releases = await db.Releases.Where(r => releaseCodes.Contains(r.Code)).Select(r => new { r.Code, r.Id }).ToListAsync(ct);
        Unknown("Releases", releaseCodes.Except(releases.Select(r => r.Code)));
        var areaCodes = Codes(input.AreaCodes);
        var areas = await db.BusinessAreas.Where(a => areaCodes.Contains(a.Code)).Select(a => new { a.Code, a.Id }).ToListAsync(ct);
        Unknown("Areas", areaCodes.Except(areas.Select(a => a.Code)));
        var (profile, problems) = BenefitRules.ParseProfile(input.Profile);
        if (problems.Count > 0) unread["Profile"] = string.Join(" ", problems);
        return (new BenefitSpec(input.ProgrammeId, input.Code ?? "", input.Name ?? "", input.Description ?? "", input.Kind, input.Measure ?? "", input.Unit ?? "",
            input.Baseline, input.Target, input.OwnerUserId ?? "", input.LeadIndicatorId, releases.Select(r => r.Id).ToList(), areas.Select(a => a.Id).ToList(), profile), unread);
    }

    private static List<string> Codes(string? text) =>
        (text ?? "").Split([',', ' ', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).Distinct().ToList();

    public Task<Result<ImportOutcome>> AddMeasurementAsync(Actor actor, int benefitId, DateOnly date, decimal value, RequestOrigin origin, CancellationToken ct) =>
        ImportAsync(actor, benefitId, [new ReadingRow(1, date, value)], MeasurementSource.Manual, origin, null, ct);

    /// <summary>All rows or none; a measurement for the same day added at the same moment (unique index) runs it again, which then reports that day as held.</summary>
    public Task<Result<ImportOutcome>> ImportAsync(Actor actor, int benefitId, IReadOnlyList<ReadingRow> rows, MeasurementSource source, RequestOrigin origin,
        IReadOnlyList<ImportProblem>? earlier, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            var benefit = await db.Benefits.AsNoTracking().FirstOrDefaultAsync(b => b.Id == benefitId, c);
            if (benefit is null) return Failures.NotFound("The benefit");
            if (!BenefitAccess.CanEdit(actor, benefit.OwnerUserId)) return Failures.Forbidden(BenefitAccess.EditRefusal);
            var dates = rows.Select(r => r.Date).ToHashSet();
            var held = (await db.BenefitMeasurements.Where(m => m.BenefitId == benefitId).Select(m => m.Date).ToListAsync(c)).Where(dates.Contains).ToHashSet();
            var problems = ImportChecks.Of(rows, earlier, held, clock.Today, settings.MaxCsvRows, "measurement", "benefit");
            if (problems.Count > 0) return Result<ImportOutcome>.Ok(new ImportOutcome(0, problems));
            var now = clock.UtcNow;
            db.BenefitMeasurements.AddRange(rows.Select(r => new BenefitMeasurement(benefitId, r.Date, r.Value, source, actor.UserId, now)));
            var summary = rows.Count == 1
                ? $"Measurement {BenefitRules.Day(rows[0].Date)} = {rows[0].Value.ToString(CultureInfo.InvariantCulture)} {benefit.Unit} ({source})"
                : $"{rows.Count} measurements {BenefitRules.Day(rows.Min(r => r.Date))} to {BenefitRules.Day(rows.Max(r => r.Date))} ({source})";
            audit.Append(Record(actor, origin, rows.Count == 1 ? "benefit.measurement.added" : "benefit.measurements.imported", benefitId, $"{benefit.Code}: {summary}"));
            return Result<ImportOutcome>.Ok(new ImportOutcome(rows.Count, []));
        }, ct, "Someone added measurements for the same days at the same moment. Reload the page and try again.");

    public const string AuditSubject = "Benefit";

    private AuditRecord Record(Actor actor, RequestOrigin origin, string action, int id, string summary) =>
        new(clock.UtcNow, actor.UserId, null, action, AuditSubject, id.ToString(CultureInfo.InvariantCulture), AuditChannel.Web, origin.IpAddress, origin.UserAgent, summary);

    /// <summary>The benefit in one line for the audit log's before → after.</summary>
    private static string Summary(BenefitSpec s) =>
        $"“{s.Name.Trim()}” ({s.Kind}; {s.Measure.Trim()} in {s.Unit.Trim()}; baseline {Number(s.Baseline)}, target {Number(s.Target)}; owner {s.OwnerUserId}; " +
        $"releases {string.Join(",", s.ReleaseIds.Order())}; areas {string.Join(",", s.AreaIds.Order())}; indicator {s.LeadIndicatorId?.ToString(CultureInfo.InvariantCulture) ?? "none"}; " +
        $"profile {string.Join(" ", s.Profile.OrderBy(p => p.Date).Select(p => $"{BenefitRules.Day(p.Date)}={Number(p.Expected)}"))})";

    private static string Number(decimal? d) => d?.ToString("0.####", CultureInfo.InvariantCulture) ?? "none";
}
