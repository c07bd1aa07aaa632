using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Approvals;

/// <summary>
/// Recording that a condition is met, which lifts its block on Go. The PMO, the release's SRO or the person who set
/// the condition may do it; it is audited with the note that explains how it was met.
/// </summary>
public sealed class ConditionCommands(ReadinessDbContext db, UnitOfWork unitOfWork, AuditLog audit, ReadinessClock clock, Reviews.ReviewTriggers reviews)
{
    public async Task<bool> CanMarkMetAsync(Actor actor, int releaseId, CancellationToken ct) =>
        actor.IsIn(Roles.Pmo) || await db.Releases.AnyAsync(r => r.Id == releaseId && r.SroUserId == actor.UserId, ct);

    public Task<Result<bool>> MarkMetAsync(Actor actor, int conditionId, string note, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c => await MarkMetNowAsync(actor, conditionId, note, origin, c), ct, "Someone else changed this at the same moment. Reload the page and try again.");

    private async Task<Result<bool>> MarkMetNowAsync(Actor actor, int conditionId, string note, RequestOrigin origin, CancellationToken ct)
    {
        var condition = await db.ApprovalConditions.FirstOrDefaultAsync(c => c.Id == conditionId, ct);
        if (condition is null) return Failures.NotFound("The condition");
        var setBy = await db.ApprovalRequests.Where(r => r.Id == condition.ApprovalRequestId).Select(r => r.DecidedByUserId).SingleAsync(ct);
        if (setBy != actor.UserId && !await CanMarkMetAsync(actor, condition.ReleaseId, ct))
            return Failures.Forbidden("Only the PMO, the release's SRO or the person who set the condition can record it as met.");
        if (string.IsNullOrWhiteSpace(note)) return Failures.Invalid("Note", "Say how the condition was met (for example, a link to the evidence).");
        if (TextLimits.TooLong(note, TextLimits.Comment, "The note") is { } tooLong) return Failures.Invalid("Note", tooLong);
        if (condition.IsMet) return Failures.Conflict("The condition is already recorded as met.");

        var now = clock.UtcNow;
        condition.MarkMet(actor.UserId, note.Trim(), now);
        audit.Append(new AuditRecord(now, actor.UserId, null, "condition.met", "ApprovalCondition", conditionId.ToString(CultureInfo.InvariantCulture),
            AuditChannel.Web, origin.IpAddress, origin.UserAgent, $"Open → Met: “{condition.Description}” — {note.Trim()}"));
        await reviews.ConditionMetAsync(condition, ct); // the last hypercare action met asks the SRO again
        return Result<bool>.Ok(true);
    }
}
