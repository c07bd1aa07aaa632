using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;

namespace Readiness.Core.Workflows;

public sealed record IncidentRow(int Id, string Kind, string Subject, string Message, DateTime CreatedAtUtc, DateTime? ResolvedAtUtc, string? ResolvedBy, bool CanRetry = false);

/// <summary>
/// What failed and needs a person (an email that could not be sent, a timer that was refused, a feed that sent
/// nonsense): the PMO sees the open ones first and records when each is dealt with.
/// </summary>
public sealed class Incidents(ReadinessDbContext db, UnitOfWork unitOfWork, AuditLog audit, ReadinessClock clock)
{
    public async Task<IReadOnlyList<IncidentRow>> ListAsync(int recentResolved, CancellationToken ct)
    {
        var open = await db.Incidents.AsNoTracking().Where(i => i.ResolvedAtUtc == null).OrderByDescending(i => i.CreatedAtUtc)
            .Select(i => new IncidentRow(i.Id, i.Kind, i.Subject, i.Message, i.CreatedAtUtc, null, null,
                i.OutboxMessageId != null || i.TimerId != null || i.ActionState != null || i.IndicatorId != null)).ToListAsync(ct);
        var resolved = await db.Incidents.AsNoTracking().Where(i => i.ResolvedAtUtc != null).OrderByDescending(i => i.ResolvedAtUtc).Take(recentResolved)
            .Select(i => new IncidentRow(i.Id, i.Kind, i.Subject, i.Message, i.CreatedAtUtc, i.ResolvedAtUtc,
                db.Users.Where(u => u.Id == i.ResolvedByUserId).Select(u => u.DisplayName).FirstOrDefault())).ToListAsync(ct);
        return [.. open, .. resolved];
    }

    public Task<int> OpenCountAsync(CancellationToken ct) => db.Incidents.CountAsync(i => i.ResolvedAtUtc == null, ct);

    public Task<Result<bool>> ResolveAsync(Actor actor, int incidentId, string note, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(c => ResolveNowAsync(actor, incidentId, note, origin, c), ct);

    private async Task<Result<bool>> ResolveNowAsync(Actor actor, int incidentId, string note, RequestOrigin origin, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Pmo)) return Failures.Forbidden("Only the PMO resolves incidents.");
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, ct);
        if (incident is null) return Failures.NotFound("The incident");
        if (incident.ResolvedAtUtc is not null) return Failures.Conflict("The incident is already resolved.");
        if (string.IsNullOrWhiteSpace(note)) return Failures.Invalid("Note", "Say what was done about it.");
        if (TextLimits.TooLong(note, TextLimits.Comment, "The note") is { } tooLong) return Failures.Invalid("Note", tooLong);
        incident.Resolve(actor.UserId, clock.UtcNow);
        audit.Append(new AuditRecord(clock.UtcNow, actor.UserId, null, "incident.resolved", "Incident", incidentId.ToString(CultureInfo.InvariantCulture),
            AuditChannel.Web, origin.IpAddress, origin.UserAgent, $"Open → Resolved: {incident.Kind} “{incident.Subject}” — {note.Trim()}"));
        return Result<bool>.Ok(true);
    }
}
