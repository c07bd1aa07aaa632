using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <summary>
    /// Data and guards for the runtime's unit of work: the state each waiting approval request was asked in, and the
    /// triggers that keep the audit log append-only. Separate from the schema change so SQLite's table rebuilds are done first.
    /// </summary>
    public partial class AppendOnlyAuditAndRequestStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A waiting request was asked in the state its workflow is in now.
            migrationBuilder.Sql("""
                UPDATE ApprovalRequests SET IssuedInState = (SELECT w.State FROM WorkflowInstances w WHERE w.Id = ApprovalRequests.WorkflowInstanceId)
                WHERE Status = 'Pending';
                """);

            // The audit log is append-only in the database itself, not only by convention. (A later migration that rebuilds
            // this table must create these triggers again: SQLite drops a table's triggers with it.)
            if (migrationBuilder.IsSqlite())
                migrationBuilder.Sql("""
                    CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries
                    BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be changed.'); END;
                    CREATE TRIGGER AuditEntries_NoDelete BEFORE DELETE ON AuditEntries
                    BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be deleted.'); END;
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.IsSqlite())
                migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoUpdate; DROP TRIGGER IF EXISTS AuditEntries_NoDelete;");
        }
    }
}
