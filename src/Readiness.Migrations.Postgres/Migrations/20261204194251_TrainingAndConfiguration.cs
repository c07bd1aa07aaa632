using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Readiness.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TrainingAndConfiguration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "ChangeTolerance",
                table: "BusinessAreas",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GateKindDefinitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OffsetDays = table.Column<int>(type: "integer", nullable: false),
                    TemplateKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GateKindDefinitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrainingCapacities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BusinessAreaId = table.Column<int>(type: "integer", nullable: false),
                    FromWeek = table.Column<DateOnly>(type: "date", nullable: false),
                    HoursPerWeek = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    BauSharePercent = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingCapacities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingCapacities_AspNetUsers_RecordedByUserId",
                        column: x => x.RecordedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_TrainingCapacities_BusinessAreas_BusinessAreaId",
                        column: x => x.BusinessAreaId,
                        principalTable: "BusinessAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GateKindDefinitions_Kind",
                table: "GateKindDefinitions",
                column: "Kind",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrainingCapacities_BusinessAreaId_FromWeek",
                table: "TrainingCapacities",
                columns: new[] { "BusinessAreaId", "FromWeek" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrainingCapacities_RecordedByUserId",
                table: "TrainingCapacities",
                column: "RecordedByUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GateKindDefinitions");

            migrationBuilder.DropTable(
                name: "TrainingCapacities");

            migrationBuilder.DropColumn(
                name: "ChangeTolerance",
                table: "BusinessAreas");
        }
    }
}
