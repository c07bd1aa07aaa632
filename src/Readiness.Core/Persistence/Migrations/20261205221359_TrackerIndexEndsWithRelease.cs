using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TrackerIndexEndsWithRelease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GateSummaries_Complete_DueOn_ReleaseCode_OffsetDays",
                table: "GateSummaries");

            migrationBuilder.CreateIndex(
                name: "IX_GateSummaries_Complete_DueOn_ReleaseCode_OffsetDays_ReleaseId",
                table: "GateSummaries",
                columns: new[] { "Complete", "DueOn", "ReleaseCode", "OffsetDays", "ReleaseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GateSummaries_Complete_DueOn_ReleaseCode_OffsetDays_ReleaseId",
                table: "GateSummaries");

            migrationBuilder.CreateIndex(
                name: "IX_GateSummaries_Complete_DueOn_ReleaseCode_OffsetDays",
                table: "GateSummaries",
                columns: new[] { "Complete", "DueOn", "ReleaseCode", "OffsetDays" });
        }
    }
}
