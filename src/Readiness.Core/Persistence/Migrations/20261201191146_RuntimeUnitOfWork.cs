using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <summary>
    /// The runtime's unit of work: navigations in place of intermediate saves (no schema change for those), the state an
    /// approval request was asked in (its authority), re-sent links replaced on delivery, retryable incidents, and an
    /// audit log the database itself keeps append-only, with keyed hashes for entries from now on.
    /// </summary>
    public partial class RuntimeUnitOfWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ApprovalRequestId",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActionState",
                table: "Incidents",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "IndicatorId",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OutboxMessageId",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TimerId",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Scheme",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "IssuedInState",
                table: "ApprovalRequests",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ReplacesRequestId",
                table: "ApprovalRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderLogs_OutboxMessageId",
                table: "ReminderLogs",
                column: "OutboxMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDigests_OutboxMessageId",
                table: "ReminderDigests",
                column: "OutboxMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_ApprovalRequestId",
                table: "Outbox",
                column: "ApprovalRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_OutboxMessageId",
                table: "Incidents",
                column: "OutboxMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_ResolvedAtUtc",
                table: "Incidents",
                column: "ResolvedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_WorkflowInstanceId",
                table: "Incidents",
                column: "WorkflowInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_ReplacesRequestId",
                table: "ApprovalRequests",
                column: "ReplacesRequestId");

            migrationBuilder.AddForeignKey(
                name: "FK_ApprovalRequests_ApprovalRequests_ReplacesRequestId",
                table: "ApprovalRequests",
                column: "ReplacesRequestId",
                principalTable: "ApprovalRequests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Incidents_Outbox_OutboxMessageId",
                table: "Incidents",
                column: "OutboxMessageId",
                principalTable: "Outbox",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Incidents_WorkflowInstances_WorkflowInstanceId",
                table: "Incidents",
                column: "WorkflowInstanceId",
                principalTable: "WorkflowInstances",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Outbox_ApprovalRequests_ApprovalRequestId",
                table: "Outbox",
                column: "ApprovalRequestId",
                principalTable: "ApprovalRequests",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_ReminderDigests_Outbox_OutboxMessageId",
                table: "ReminderDigests",
                column: "OutboxMessageId",
                principalTable: "Outbox",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_ReminderLogs_Outbox_OutboxMessageId",
                table: "ReminderLogs",
                column: "OutboxMessageId",
                principalTable: "Outbox",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

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

            migrationBuilder.DropForeignKey(
                name: "FK_ApprovalRequests_ApprovalRequests_ReplacesRequestId",
                table: "ApprovalRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_Incidents_Outbox_OutboxMessageId",
                table: "Incidents");

            migrationBuilder.DropForeignKey(
                name: "FK_Incidents_WorkflowInstances_WorkflowInstanceId",
                table: "Incidents");

            migrationBuilder.DropForeignKey(
                name: "FK_Outbox_ApprovalRequests_ApprovalRequestId",
                table: "Outbox");

            migrationBuilder.DropForeignKey(
                name: "FK_ReminderDigests_Outbox_OutboxMessageId",
                table: "ReminderDigests");

            migrationBuilder.DropForeignKey(
                name: "FK_ReminderLogs_Outbox_OutboxMessageId",
                table: "ReminderLogs");

            migrationBuilder.DropIndex(
                name: "IX_ReminderLogs_OutboxMessageId",
                table: "ReminderLogs");

            migrationBuilder.DropIndex(
                name: "IX_ReminderDigests_OutboxMessageId",
                table: "ReminderDigests");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_ApprovalRequestId",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_OutboxMessageId",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_ResolvedAtUtc",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_WorkflowInstanceId",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_ReplacesRequestId",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "ApprovalRequestId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ActionState",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "IndicatorId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "OutboxMessageId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "TimerId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Scheme",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "IssuedInState",
                table: "ApprovalRequests");

            migrationBuilder.DropColumn(
                name: "ReplacesRequestId",
                table: "ApprovalRequests");
        }
    }
}
