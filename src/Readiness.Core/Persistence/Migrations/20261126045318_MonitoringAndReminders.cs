using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MonitoringAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LeadIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReleaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessAreaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Baseline = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    AmberThreshold = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    RedThreshold = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    WatchWeeks = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckEveryDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsecutiveAmberForRed = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SourceUrl = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadIndicators_BusinessAreas_BusinessAreaId",
                        column: x => x.BusinessAreaId,
                        principalTable: "BusinessAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LeadIndicators_Releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "Releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReleaseDependencies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReleaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    DependsOnReleaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReleaseDependencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReleaseDependencies_Releases_DependsOnReleaseId",
                        column: x => x.DependsOnReleaseId,
                        principalTable: "Releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReleaseDependencies_Releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "Releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReminderDigests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Items = table.Column<int>(type: "INTEGER", nullable: false),
                    OutboxMessageId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderDigests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReminderLogs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecipientUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ItemKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    OutboxMessageId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderLogs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorAlerts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    BreachedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcknowledgedByUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ResolvedByUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ResolvedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicatorAlerts_LeadIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "LeadIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorReadings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EnteredByUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorReadings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicatorReadings_LeadIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "LeadIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorAlerts_IndicatorId_Status",
                table: "IndicatorAlerts",
                columns: new[] { "IndicatorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorReadings_IndicatorId_Date",
                table: "IndicatorReadings",
                columns: new[] { "IndicatorId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeadIndicators_BusinessAreaId",
                table: "LeadIndicators",
                column: "BusinessAreaId");

            migrationBuilder.CreateIndex(
                name: "IX_LeadIndicators_ReleaseId_Code",
                table: "LeadIndicators",
                columns: new[] { "ReleaseId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseDependencies_DependsOnReleaseId",
                table: "ReleaseDependencies",
                column: "DependsOnReleaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseDependencies_ReleaseId_DependsOnReleaseId",
                table: "ReleaseDependencies",
                columns: new[] { "ReleaseId", "DependsOnReleaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDigests_UserId_Day",
                table: "ReminderDigests",
                columns: new[] { "UserId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderLogs_ItemKind_ItemId",
                table: "ReminderLogs",
                columns: new[] { "ItemKind", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderLogs_RecipientUserId_ItemKind_ItemId_Day",
                table: "ReminderLogs",
                columns: new[] { "RecipientUserId", "ItemKind", "ItemId", "Day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IndicatorAlerts");

            migrationBuilder.DropTable(
                name: "IndicatorReadings");

            migrationBuilder.DropTable(
                name: "ReleaseDependencies");

            migrationBuilder.DropTable(
                name: "ReminderDigests");

            migrationBuilder.DropTable(
                name: "ReminderLogs");

            migrationBuilder.DropTable(
                name: "LeadIndicators");
        }
    }
}
