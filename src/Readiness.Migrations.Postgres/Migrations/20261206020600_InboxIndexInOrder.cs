using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InboxIndexInOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_ApproverUserId_Status",
                table: "ApprovalRequests");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_ApproverUserId_Status_CreatedAtUtc",
                table: "ApprovalRequests",
                columns: new[] { "ApproverUserId", "Status", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_ApproverUserId_Status_CreatedAtUtc",
                table: "ApprovalRequests");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_ApproverUserId_Status",
                table: "ApprovalRequests",
                columns: new[] { "ApproverUserId", "Status" });
        }
    }
}
