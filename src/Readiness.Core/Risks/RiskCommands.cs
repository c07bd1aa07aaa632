using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Risks;

/// <summary>
/// Adding and changing risks, and their actions. Each command is one unit of work with its audit entry (before → after);
/// a form carries the risk's version, and a save over a risk changed since is refused as stale (the risk's version is
/// also its concurrency token, so two saves at the same moment get one winner).
/// </summary>
public sealed class RiskCommands(ReadinessDbContext db, UnitOfWork unitOfWork, AuditLog audit, ReadinessClock clock, RiskInputCheck check)
{
    public const string StaleMessage = "This risk was changed by someone else while you were editing. Their change is shown below: check it and make your change again.";

    /// <summary>Adds a risk; its id once committed.</summary>
    public async Task<Result<int>> AddAsync(Actor actor, RiskInput input, RequestOrigin origin, CancellationToken ct) =>
        (await unitOfWork.RunAsync<Risk>(async c =>
        {
            if (!RiskAccess.CanAdd(actor)) return Failures.Forbidden(RiskAccess.NotAllowedToAdd);
            var (details, errors) = await check.CheckAsync(input, null, c);
            if (details is null) return Failures.Invalid(errors);
            var now = clock.UtcNow;
            var risk = new Risk(details, input.Likelihood!.Value, input.Impact!.Value, actor.UserId, now);
            db.Risks.Add(risk);
            var summary = Summary(risk, await NamesAsync(risk, c));
            // The reference is made from the id, known once the unit of work has flushed the new row.
            audit.Append(() => Record(actor, origin, now, "risk.added", risk.Id, $"(none) → {risk.Reference} {summary}"));
            return Result<Risk>.Ok(risk);
        }, ct)).Map(r => r.Id);

    public Task<Result<string>> EditAsync(Actor actor, int riskId, RiskInput input, int version, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            var (risk, failure) = await LoadForEditAsync(actor, riskId, version, c);
            if (failure is not null) return failure;
            var (details, errors) = await check.CheckAsync(input, risk!.ReviewOn, c);
            if (details is null) return Failures.Invalid(errors);
            var now = clock.UtcNow;
            var before = Summary(risk, await NamesAsync(risk, c));
            risk.Edit(details, now);
            var rescored = risk.Rescore(input.Likelihood!.Value, input.Impact!.Value, actor.UserId, now);
            var after = Summary(risk, await NamesAsync(risk, c));
            audit.Append(Record(actor, origin, now, rescored ? "risk.rescored" : "risk.edited", risk.Id, $"{risk.Reference}: {before} → {after}"));
            return Result<string>.Ok($"{risk.Reference} saved{(rescored ? $": score now {risk.Score}" : "")}.");
        }, ct, StaleMessage);

    public Task<Result<string>> AddActionAsync(Actor actor, int riskId, RiskActionInput input, int version, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            var (risk, failure) = await LoadForEditAsync(actor, riskId, version, c);
            if (failure is not null) return failure;
            var errors = await check.CheckActionAsync(input, c);
            if (errors.Count > 0) return Failures.Invalid(errors);
            var now = clock.UtcNow;
            risk!.AddAction(input.Description!, input.OwnerUserId!, input.DueOn!.Value, now);
            var owner = await NameAsync(input.OwnerUserId!, c);
            audit.Append(Record(actor, origin, now, "risk.action.added", risk.Id,
                $"{risk.Reference}: (no such action) → “{input.Description!.Trim()}”, owner {owner}, due {input.DueOn:yyyy-MM-dd}"));
            return Result<string>.Ok($"Action added to {risk.Reference}.");
        }, ct, StaleMessage);

    public Task<Result<string>> CompleteActionAsync(Actor actor, int riskId, int actionId, int version, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            var risk = await db.Risks.Include(r => r.Actions).FirstOrDefaultAsync(r => r.Id == riskId, c);
            var action = risk?.Actions.FirstOrDefault(a => a.Id == actionId);
            if (risk is null || action is null) return Failures.NotFound("The action");
            if (!RiskAccess.CanComplete(actor, risk.OwnerUserId, action.OwnerUserId))
                return Failures.Forbidden("Only the PMO, the risk's owner and the action's owner can mark it done.");
            if (action.IsDone) return Failures.Conflict($"This action of {risk.Reference} is already done.");
            if (risk.Version != version) return Failures.Stale(StaleMessage);
            var now = clock.UtcNow;
            risk.CompleteAction(actionId, actor.UserId, now);
            audit.Append(Record(actor, origin, now, "risk.action.done", risk.Id, $"{risk.Reference}: “{action.Description}” open → done"));
            return Result<string>.Ok($"Action of {risk.Reference} marked done.");
        }, ct, StaleMessage);

    private async Task<(Risk?, Failure?)> LoadForEditAsync(Actor actor, int riskId, int version, CancellationToken ct)
    {
        var risk = await db.Risks.Include(r => r.Actions).Include(r => r.Releases).Include(r => r.Areas).Include(r => r.ScoreHistory)
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == riskId, ct);
        if (risk is null) return (null, Failures.NotFound("The risk"));
        if (!RiskAccess.CanEdit(actor, risk.OwnerUserId)) return (null, Failures.Forbidden(RiskAccess.NotAllowedToEdit));
        if (risk.Version != version) return (null, Failures.Stale(StaleMessage));
        return (risk, null);
    }

    private sealed record Names(string Owner, string? Programme, string Releases, string Areas);

    private async Task<Names> NamesAsync(Risk risk, CancellationToken ct)
    {
        var releaseIds = risk.Releases.Select(r => r.ReleaseId).ToList();
        var areaIds = risk.Areas.Select(a => a.BusinessAreaId).ToList();
        var releases = await db.Releases.Where(r => releaseIds.Contains(r.Id)).Select(r => r.Code).OrderBy(c => c).ToListAsync(ct);
        var areas = await db.BusinessAreas.Where(a => areaIds.Contains(a.Id)).Select(a => a.Code).OrderBy(c => c).ToListAsync(ct);
        var programme = risk.ProgrammeId is { } p ? await db.Programmes.Where(x => x.Id == p).Select(x => x.Code).FirstOrDefaultAsync(ct) : null;
        return new Names(await NameAsync(risk.OwnerUserId, ct), programme, string.Join(",", releases), string.Join(",", areas));
    }

    private async Task<string> NameAsync(string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? userId;

    /// <summary>The risk in one line, for the audit log's before → after.</summary>
    private static string Summary(Risk r, Names n) => string.Create(CultureInfo.InvariantCulture,
        $"“{r.Title}”, {r.Level}{(n.Programme is null ? "" : " " + n.Programme)}, {r.Status}, L{r.Likelihood}×I{r.Impact}={r.Score}, owner {n.Owner}, ")
        + string.Create(CultureInfo.InvariantCulture, $"{RiskScoring.Words(r.Proximity)}, review {r.ReviewOn:yyyy-MM-dd}, releases [{n.Releases}], areas [{n.Areas}]");

    private static AuditRecord Record(Actor actor, RequestOrigin origin, DateTime now, string action, int riskId, string summary) =>
        new(now, actor.UserId, null, action, "Risk", riskId.ToString(CultureInfo.InvariantCulture), AuditChannel.Web, origin.IpAddress, origin.UserAgent, summary);
}
