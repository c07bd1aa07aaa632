using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PagesInSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_BusinessAreaId",
                table: "Assessments");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_BusinessAreaId_Status_SubmittedAtUtc_GateId",
                table: "Assessments",
                columns: new[] { "BusinessAreaId", "Status", "SubmittedAtUtc", "GateId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_BusinessAreaId_Status_SubmittedAtUtc_GateId",
                table: "Assessments");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_BusinessAreaId",
                table: "Assessments",
                column: "BusinessAreaId");
        }
    }
}
