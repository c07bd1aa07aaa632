using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class GateSummaryFailingCriteria : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FailingCriteria",
                table: "GateSummaries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Summaries written before this column have 0: fill them from the returns, as the read model would.
            migrationBuilder.Sql(Readiness.Core.Portfolio.GateSummaryBackfillSql.FailingCriteria);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FailingCriteria",
                table: "GateSummaries");
        }
    }
}
