using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class GateSummaryDependencies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Dependencies",
                table: "GateSummaries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Summaries written before this column have 0: count each release's dependencies, as the read model would.
            migrationBuilder.Sql(Readiness.Core.Portfolio.GateSummaryBackfillSql.Dependencies);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Dependencies",
                table: "GateSummaries");
        }
    }
}
