namespace Readiness.Core.Assessments;

/// <summary>
/// SQL the migrations run to fill a column added to <see cref="Assessment"/> on databases that already have returns.
/// Written once for both providers (standard SQL, quoted names). Migrations run these: a later change gets a new constant
/// and a new migration, never an edit here.
/// </summary>
public static class AssessmentBackfillSql
{
    /// <summary><see cref="Assessment.AnsweredCriteria"/>: the return's answers that have a value.</summary>
    public const string AnsweredCriteria = """
        UPDATE "Assessments" SET "AnsweredCriteria" = (
            SELECT COUNT(*) FROM "Answers" AS v WHERE v."AssessmentId" = "Assessments"."Id" AND v."Value" <> '')
        """;
}
