using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HeatmapIndexCarriesUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AreaWeekLoads_Week_AreaId",
                table: "AreaWeekLoads");

            migrationBuilder.CreateIndex(
                name: "IX_AreaWeekLoads_Week_AreaId_Units",
                table: "AreaWeekLoads",
                columns: new[] { "Week", "AreaId", "Units" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AreaWeekLoads_Week_AreaId_Units",
                table: "AreaWeekLoads");

            migrationBuilder.CreateIndex(
                name: "IX_AreaWeekLoads_Week_AreaId",
                table: "AreaWeekLoads",
                columns: new[] { "Week", "AreaId" });
        }
    }
}
