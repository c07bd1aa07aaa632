using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HeatmapLoadTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AreaWeekLoads",
                columns: table => new
                {
                    AreaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Week = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Units = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AreaWeekLoads", x => new { x.AreaId, x.Week });
                    table.ForeignKey(
                        name: "FK_AreaWeekLoads_BusinessAreas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "BusinessAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImpactLoadBases",
                columns: table => new
                {
                    ImpactId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReleaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    AreaId = table.Column<int>(type: "INTEGER", nullable: false),
                    GoLive = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Headcount = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TrainingHoursPerPerson = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    HypercareWeeks = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImpactLoadBases", x => x.ImpactId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AreaWeekLoads_Week_AreaId",
                table: "AreaWeekLoads",
                columns: new[] { "Week", "AreaId" });

            migrationBuilder.CreateIndex(
                name: "IX_ImpactLoadBases_ReleaseId",
                table: "ImpactLoadBases",
                column: "ReleaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AreaWeekLoads");

            migrationBuilder.DropTable(
                name: "ImpactLoadBases");
        }
    }
}
