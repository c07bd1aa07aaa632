using Readiness.Infrastructure.Persistence;

namespace Readiness.Web.Tests.Infrastructure;

/// <summary>SQL that drops one of the audit log's append-only triggers, as someone with database access would first.</summary>
internal static class AuditGuard
{
    /// <param name="trigger">"NoUpdate" or "NoDelete".</param>
    public static string Drop(DatabaseOptions database, string trigger) => database.IsPostgres
        ? $"DROP TRIGGER IF EXISTS \"AuditEntries_{trigger}\" ON \"AuditEntries\"; "
        : $"DROP TRIGGER IF EXISTS AuditEntries_{trigger}; ";
}
