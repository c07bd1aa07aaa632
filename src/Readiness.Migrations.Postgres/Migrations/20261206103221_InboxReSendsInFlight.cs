using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InboxReSendsInFlight : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_ApproverUserId_Status_ReplacesRequestId",
                table: "ApprovalRequests",
                columns: new[] { "ApproverUserId", "Status", "ReplacesRequestId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_ApproverUserId_Status_ReplacesRequestId",
                table: "ApprovalRequests");
        }
    }
}
