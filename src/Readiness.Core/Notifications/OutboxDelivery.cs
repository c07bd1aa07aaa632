using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Persistence;

namespace Readiness.Core.Notifications;

/// <summary>What an email's delivery changes, recorded in the same unit of work as its "sent".</summary>
public static class OutboxDelivery
{
    public const string ReplacedReason = "Link re-sent: the new link was delivered";

    /// <summary>
    /// A re-sent decision link has arrived: the link it replaces stops working now, not when the re-send was asked for,
    /// so an approver is never left without a working link while mail is down.
    /// </summary>
    public static async Task AfterSentAsync(ReadinessDbContext db, OutboxMessage message, DateTime nowUtc, CancellationToken ct)
    {
        if (message.ApprovalRequestId is not { } carried) return;
        var replaced = await (from n in db.ApprovalRequests
                              join o in db.ApprovalRequests on n.ReplacesRequestId equals o.Id
                              where n.Id == carried && n.Status == ApprovalStatus.Pending && o.Status == ApprovalStatus.Pending
                              select o).FirstOrDefaultAsync(ct);
        replaced?.Close(ApprovalStatus.Revoked, ReplacedReason, nowUtc);
    }
}
