using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReturnCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReturnCounts",
                columns: table => new
                {
                    BusinessAreaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Review = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnCounts", x => new { x.BusinessAreaId, x.Review, x.Status });
                    table.ForeignKey(
                        name: "FK_ReturnCounts_BusinessAreas_BusinessAreaId",
                        column: x => x.BusinessAreaId,
                        principalTable: "BusinessAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Databases with returns get their counts now; later saves move them (ReturnCounts).
            migrationBuilder.Sql(Readiness.Core.Assessments.ReturnCountBackfillSql.FromSummaries);

            migrationBuilder.CreateIndex(
                name: "IX_ReturnSummaries_BusinessAreaId_Review_Status_DueOn",
                table: "ReturnSummaries",
                columns: new[] { "BusinessAreaId", "Review", "Status", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReturnCounts");

            migrationBuilder.DropIndex(
                name: "IX_ReturnSummaries_BusinessAreaId_Review_Status_DueOn",
                table: "ReturnSummaries");
        }
    }
}
