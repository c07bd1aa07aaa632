using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class GateSummariesByProgramme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_GateSummaries_ProgrammeId_Complete_DueOn_ReleaseCode_Offset~",
                table: "GateSummaries",
                columns: new[] { "ProgrammeId", "Complete", "DueOn", "ReleaseCode", "OffsetDays" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GateSummaries_ProgrammeId_Complete_DueOn_ReleaseCode_Offset~",
                table: "GateSummaries");
        }
    }
}
