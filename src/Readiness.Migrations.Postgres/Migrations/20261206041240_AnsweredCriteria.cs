using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AnsweredCriteria : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AnsweredCriteria",
                table: "Assessments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Returns saved before this column have 0: count each one\'s answers that have a value, as SaveDraft does.
            migrationBuilder.Sql(Readiness.Core.Assessments.AssessmentBackfillSql.AnsweredCriteria);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnsweredCriteria",
                table: "Assessments");
        }
    }
}
