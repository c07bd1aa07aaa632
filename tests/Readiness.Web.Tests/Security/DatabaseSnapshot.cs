using System.Text;
using Microsoft.EntityFrameworkCore;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests.Security;

/// <summary>
/// "Changes nothing", checked without knowing what a request might have changed: the row count of every table in the
/// model, the audit chain's last entry (every change is audited), and the columns an attack would aim at — approvals
/// (status, version, token), returns and workflows (status, state), people (stamps, password, lockout).
/// </summary>
internal static class DatabaseSnapshot
{
    public static Task<string> TakeAsync(ReadinessFactory factory) => factory.WithDbAsync(async db =>
    {
        var text = new StringBuilder();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        foreach (var table in tables)
        {
#pragma warning disable EF1002 // the table names come from the model, not from input
            var count = await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
            text.Append(table).Append('=').Append(count).Append(';');
        }
        text.AppendLine().Append(await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => e.Id + " " + e.Action).FirstOrDefaultAsync());
        foreach (var r in await db.ApprovalRequests.OrderBy(r => r.Id).Select(r => new { r.Id, r.Status, r.Version, r.TokenHash, r.TokenUsedAtUtc, r.DecidedByUserId }).ToListAsync())
            text.AppendLine().Append(r);
        foreach (var a in await db.Assessments.OrderBy(a => a.Id).Select(a => new { a.Id, a.Status }).ToListAsync())
            text.Append(a);
        foreach (var w in await db.WorkflowInstances.OrderBy(w => w.Id).Select(w => new { w.Id, w.State, w.Status }).ToListAsync())
            text.Append(w);
        foreach (var u in await db.Users.OrderBy(u => u.Id).Select(u => new { u.Id, u.SecurityStamp, u.ConcurrencyStamp, u.PasswordHash, u.AccessFailedCount, u.LockoutEnd, u.DeactivatedAtUtc }).ToListAsync())
            text.AppendLine().Append(u);
        return text.ToString();
    });
}
