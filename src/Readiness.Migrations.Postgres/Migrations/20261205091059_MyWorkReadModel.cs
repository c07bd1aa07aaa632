using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MyWorkReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReturnSummaries",
                columns: table => new
                {
                    AssessmentId = table.Column<int>(type: "integer", nullable: false),
                    ReleaseId = table.Column<int>(type: "integer", nullable: false),
                    BusinessAreaId = table.Column<int>(type: "integer", nullable: false),
                    Review = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnSummaries", x => x.AssessmentId);
                    table.ForeignKey(
                        name: "FK_ReturnSummaries_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReturnSummaries_BusinessAreaId_Review_Status_SubmittedAtUtc~",
                table: "ReturnSummaries",
                columns: new[] { "BusinessAreaId", "Review", "Status", "SubmittedAtUtc", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ReturnSummaries_ReleaseId",
                table: "ReturnSummaries",
                column: "ReleaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReturnSummaries");
        }
    }
}
