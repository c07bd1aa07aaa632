namespace Readiness.Core.Assessments;

/// <summary>
/// How many returns of a business area are in a status, for regular gates or post-go-live reviews: My work's counts
/// (open, all, with the BCM) are sums of a team lead's areas' rows instead of counts of every return, which grew with
/// the portfolio. Kept by <see cref="ReturnCounts"/> with <see cref="ReturnSummary"/> in the same transaction; a row
/// stays at 0 when its last return moves on, so a later change updates it rather than racing to insert it.
/// </summary>
public class ReturnCount
{
    private ReturnCount() { }

    internal ReturnCount(int businessAreaId, bool review, AssessmentStatus status) => (BusinessAreaId, Review, Status) = (businessAreaId, review, status);

    public int BusinessAreaId { get; private set; }

    /// <summary>The returns are for post-go-live reviews (the BCMs' work), as <see cref="ReturnSummary.Review"/>.</summary>
    public bool Review { get; private set; }

    public AssessmentStatus Status { get; private set; }
    public int Count { get; private set; }

    internal void Add(int delta) => Count += delta;

    internal void Set(int count) => Count = count;
}

/// <summary>
/// SQL the migration that adds <see cref="ReturnCount"/> runs to fill it on databases that already have returns.
/// Written once for both providers (standard SQL, quoted names); a later change gets a new constant and migration.
/// </summary>
public static class ReturnCountBackfillSql
{
    public const string FromSummaries = """
        INSERT INTO "ReturnCounts" ("BusinessAreaId", "Review", "Status", "Count")
        SELECT "BusinessAreaId", "Review", "Status", COUNT(*) FROM "ReturnSummaries" GROUP BY "BusinessAreaId", "Review", "Status"
        """;
}
