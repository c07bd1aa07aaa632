using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <summary>
    /// The runtime's unit of work: navigations in place of intermediate saves (no schema change for those), the state an
    /// approval request was asked in (its authority), re-sent links replaced on delivery, retryable incidents, and the
    /// audit entries' hash scheme (keyed from now on). The data and the audit triggers follow in the next migration,
    /// after SQLite's table rebuilds are done.
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

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
