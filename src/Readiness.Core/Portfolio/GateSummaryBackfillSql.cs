namespace Readiness.Core.Portfolio;

/// <summary>
/// SQL the migrations run to fill a column added to <see cref="GateSummary"/> on databases that already have summaries:
/// the read model is otherwise recomputed only for releases that change, so an added column would read 0 until then.
/// Written once for both providers (standard SQL, quoted names), so SQLite and PostgreSQL fill it alike. Migrations run
/// these: a later change to the read model gets a new constant and a new migration, never an edit here.
/// </summary>
public static class GateSummaryBackfillSql
{
    /// <summary>
    /// <see cref="GateSummary.FailingCriteria"/> by the rule of <see cref="GateSummaries.ComputeAsync"/>: the gate's own
    /// submitted returns, or for a go / no-go gate its release's submitted readiness returns.
    /// </summary>
    public const string FailingCriteria = """
        UPDATE "GateSummaries" SET "FailingCriteria" = COALESCE((
            SELECT SUM(a."FailingCriteria")
            FROM "Assessments" AS a
            INNER JOIN "Gates" AS g ON a."GateId" = g."Id"
            WHERE a."ReleaseId" = "GateSummaries"."ReleaseId"
              AND a."FailingCriteria" > 0
              AND a."Status" IN ('Submitted', 'Approved', 'ApprovedWithConditions')
              AND (("GateSummaries"."Kind" <> 'GoNoGo' AND a."GateId" = "GateSummaries"."GateId")
                   OR ("GateSummaries"."Kind" = 'GoNoGo' AND g."Kind" = 'Readiness'))), 0)
        """;

    /// <summary><see cref="GateSummary.Dependencies"/>: how many releases the gate's release depends on.</summary>
    public const string Dependencies = """
        UPDATE "GateSummaries" SET "Dependencies" = (
            SELECT COUNT(*) FROM "ReleaseDependencies" AS d WHERE d."ReleaseId" = "GateSummaries"."ReleaseId")
        """;
}
