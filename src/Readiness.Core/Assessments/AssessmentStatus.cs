namespace Readiness.Core.Assessments;

public enum AssessmentStatus
{
    NotStarted = 0,
    Draft = 1,
    Submitted = 2,
}
