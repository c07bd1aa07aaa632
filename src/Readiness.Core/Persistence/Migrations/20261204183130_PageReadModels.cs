using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PageReadModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GateSummaries",
                columns: table => new
                {
                    GateId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReleaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReleaseCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OffsetDays = table.Column<int>(type: "INTEGER", nullable: false),
                    GoLive = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ImpactedAreas = table.Column<int>(type: "INTEGER", nullable: false),
                    Returns = table.Column<int>(type: "INTEGER", nullable: false),
                    Submitted = table.Column<int>(type: "INTEGER", nullable: false),
                    Approved = table.Column<int>(type: "INTEGER", nullable: false),
                    RagRank = table.Column<int>(type: "INTEGER", nullable: false),
                    GoDecision = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    GoDca = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Complete = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GateSummaries", x => x.GateId);
                    table.ForeignKey(
                        name: "FK_GateSummaries_Gates_GateId",
                        column: x => x.GateId,
                        principalTable: "Gates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Releases_GoLive",
                table: "Releases",
                column: "GoLive");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_ReleaseId_Kind",
                table: "ApprovalRequests",
                columns: new[] { "ReleaseId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequests_Status_ApproverUserId",
                table: "ApprovalRequests",
                columns: new[] { "Status", "ApproverUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_GateSummaries_Complete_DueOn_ReleaseCode_OffsetDays",
                table: "GateSummaries",
                columns: new[] { "Complete", "DueOn", "ReleaseCode", "OffsetDays" });

            migrationBuilder.CreateIndex(
                name: "IX_GateSummaries_ReleaseId",
                table: "GateSummaries",
                column: "ReleaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GateSummaries");

            migrationBuilder.DropIndex(
                name: "IX_Releases_GoLive",
                table: "Releases");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_ReleaseId_Kind",
                table: "ApprovalRequests");

            migrationBuilder.DropIndex(
                name: "IX_ApprovalRequests_Status_ApproverUserId",
                table: "ApprovalRequests");
        }
    }
}
