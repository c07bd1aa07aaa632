using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Benefits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FailingCriteria",
                table: "Assessments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Benefits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Baseline = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Target = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    OwnerUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    LeadIndicatorId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Benefits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Benefits_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Benefits_LeadIndicators_LeadIndicatorId",
                        column: x => x.LeadIndicatorId,
                        principalTable: "LeadIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Benefits_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BenefitArea",
                columns: table => new
                {
                    BenefitId = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessAreaId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenefitArea", x => new { x.BenefitId, x.BusinessAreaId });
                    table.ForeignKey(
                        name: "FK_BenefitArea_Benefits_BenefitId",
                        column: x => x.BenefitId,
                        principalTable: "Benefits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BenefitArea_BusinessAreas_BusinessAreaId",
                        column: x => x.BusinessAreaId,
                        principalTable: "BusinessAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BenefitMeasurements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BenefitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EnteredByUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenefitMeasurements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BenefitMeasurements_AspNetUsers_EnteredByUserId",
                        column: x => x.EnteredByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BenefitMeasurements_Benefits_BenefitId",
                        column: x => x.BenefitId,
                        principalTable: "Benefits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BenefitProfilePoint",
                columns: table => new
                {
                    BenefitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Expected = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenefitProfilePoint", x => new { x.BenefitId, x.Date });
                    table.ForeignKey(
                        name: "FK_BenefitProfilePoint_Benefits_BenefitId",
                        column: x => x.BenefitId,
                        principalTable: "Benefits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BenefitRelease",
                columns: table => new
                {
                    BenefitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReleaseId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenefitRelease", x => new { x.BenefitId, x.ReleaseId });
                    table.ForeignKey(
                        name: "FK_BenefitRelease_Benefits_BenefitId",
                        column: x => x.BenefitId,
                        principalTable: "Benefits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BenefitRelease_Releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "Releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BenefitArea_BusinessAreaId",
                table: "BenefitArea",
                column: "BusinessAreaId");

            migrationBuilder.CreateIndex(
                name: "IX_BenefitMeasurements_BenefitId_Date",
                table: "BenefitMeasurements",
                columns: new[] { "BenefitId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BenefitMeasurements_EnteredByUserId",
                table: "BenefitMeasurements",
                column: "EnteredByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_BenefitRelease_ReleaseId",
                table: "BenefitRelease",
                column: "ReleaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Benefits_Code",
                table: "Benefits",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Benefits_LeadIndicatorId",
                table: "Benefits",
                column: "LeadIndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_Benefits_OwnerUserId",
                table: "Benefits",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Benefits_ProgrammeId",
                table: "Benefits",
                column: "ProgrammeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BenefitArea");

            migrationBuilder.DropTable(
                name: "BenefitMeasurements");

            migrationBuilder.DropTable(
                name: "BenefitProfilePoint");

            migrationBuilder.DropTable(
                name: "BenefitRelease");

            migrationBuilder.DropTable(
                name: "Benefits");

            migrationBuilder.DropColumn(
                name: "FailingCriteria",
                table: "Assessments");
        }
    }
}
