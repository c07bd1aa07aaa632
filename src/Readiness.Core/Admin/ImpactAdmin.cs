using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Admin;

/// <summary>The PMO adds, edits and removes the business areas a release impacts.</summary>
public sealed class ImpactAdmin(ReadinessDbContext db, AdminSupport support)
{
    public static string StampOf(Impact i) => Stamp.Of(i.Headcount, i.Level, i.TrainingHoursPerPerson, i.HypercareWeeks);

    private static string Words(Impact i) => $"{i.Headcount} people, {i.Level}, {i.TrainingHoursPerPerson:0.##} h training, {i.HypercareWeeks} hypercare week(s)";

    private static List<FieldError> Validate(ImpactInput input)
    {
        var errors = new List<FieldError>();
        if (input.Headcount is null or <= 0 or > 1_000_000) errors.Add(new("Headcount", "Enter the headcount affected, a whole number above 0."));
        if (!Enum.IsDefined(input.Level)) errors.Add(new("Level", "Choose the impact level: Low, Medium or High."));
        if (input.TrainingHoursPerPerson is null or < 0 or > 500) errors.Add(new("TrainingHoursPerPerson", "Enter training hours per person, from 0 to 500."));
        if (input.HypercareWeeks is null or < 0 or > 26) errors.Add(new("HypercareWeeks", "Enter hypercare weeks, from 0 to 26."));
        return errors;
    }

    public async Task<Result<string>> AddAsync(Actor actor, string releaseCode, ImpactInput input, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var release = await db.Releases.FirstOrDefaultAsync(r => r.Code == releaseCode, ct);
            if (release is null) return Failures.NotFound($"Release {releaseCode}");
            var errors = Validate(input);
            var area = await db.BusinessAreas.FirstOrDefaultAsync(a => a.Code == input.AreaCode, ct);
            if (area is null) errors.Add(new("AreaCode", "Choose the business area."));
            else if (await db.Impacts.AnyAsync(i => i.ReleaseId == release.Id && i.BusinessAreaId == area.Id, ct))
                errors.Add(new("AreaCode", $"{area.Name} is already impacted by this release. Edit that impact instead."));
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var impact = new Impact(release.Id, area!.Id, input.Headcount!.Value, input.Level, input.TrainingHoursPerPerson!.Value, input.HypercareWeeks!.Value);
            db.Impacts.Add(impact);
            var returns = await support.EnsureReturnsAsync(release, ct);
            support.Audit(actor, origin, "impact.added", "Release", releaseCode, $"{area.Code}: (not impacted) → {Words(impact)}; {returns} return(s) created");
            return AdminSupport.Done($"{area.Name} added to {releaseCode}{(returns > 0 ? "; its readiness return was created for the team lead" : "")}.");
        }, ct);
    }

    public async Task<Result<string>> EditAsync(Actor actor, int impactId, ImpactInput input, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var errors = Validate(input);
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var impact = await db.Impacts.Include(i => i.Release).Include(i => i.BusinessArea).FirstOrDefaultAsync(i => i.Id == impactId, ct);
            if (impact is null) return AdminSupport.Stale; // removed by someone else meanwhile
            if (StampOf(impact) != stamp) return AdminSupport.Stale;
            var before = Words(impact);
            impact.Update(input.Headcount!.Value, input.Level, input.TrainingHoursPerPerson!.Value, input.HypercareWeeks!.Value);
            support.Audit(actor, origin, "impact.edited", "Release", impact.Release!.Code, $"{impact.BusinessArea!.Code}: {before} → {Words(impact)}");
            return AdminSupport.Done($"Impact on {impact.BusinessArea.Name} saved.");
        }, ct);
    }

    /// <summary>Removes an impact and its returns that nobody has started; a started return keeps the impact (its answers matter).</summary>
    public async Task<Result<string>> RemoveAsync(Actor actor, int impactId, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var impact = await db.Impacts.Include(i => i.Release).Include(i => i.BusinessArea).FirstOrDefaultAsync(i => i.Id == impactId, ct);
            if (impact is null) return AdminSupport.Stale; // removed by someone else meanwhile
            if (StampOf(impact) != stamp) return AdminSupport.Stale;
            var returns = await db.Assessments.Where(a => a.ReleaseId == impact.ReleaseId && a.BusinessAreaId == impact.BusinessAreaId).ToListAsync(ct);
            if (returns.Any(a => a.Status != AssessmentStatus.NotStarted))
                return Failures.Invalid("", $"{impact.BusinessArea!.Name} has started its return for this release, so the impact stays. Edit it instead.");
            var started = returns.Select(a => a.Id).ToList();
            if (await db.WorkflowInstances.AnyAsync(w => w.SubjectKind == Workflows.SubjectKinds.AreaReturn && started.Contains(w.SubjectId), ct))
                return Failures.Invalid("", $"{impact.BusinessArea!.Name}'s return has a running workflow, so the impact stays.");
            // Reminder log lines point at returns by id without a foreign key: they go with the returns, not left orphaned.
            db.ReminderLogs.RemoveRange(await db.ReminderLogs.Where(l => l.ItemKind == Reminders.ReminderSweep.ReturnItem && started.Contains(l.ItemId)).ToListAsync(ct));
            db.Assessments.RemoveRange(returns);
            db.Impacts.Remove(impact);
            support.Audit(actor, origin, "impact.removed", "Release", impact.Release!.Code,
                $"{impact.BusinessArea!.Code}: {Words(impact)} → (not impacted); {returns.Count} unstarted return(s) removed");
            return AdminSupport.Done($"{impact.BusinessArea.Name} removed from {impact.Release.Code}.");
        }, ct);
    }
}
