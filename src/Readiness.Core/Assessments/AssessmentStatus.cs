namespace Readiness.Core.Assessments;

public enum AssessmentStatus
{
    NotStarted = 0,
    Draft = 1,

    /// <summary>Submitted and with the BCM for review.</summary>
    Submitted = 2,

    /// <summary>Sent back by the BCM with comments: editable again, then resubmitted.</summary>
    Returned = 3,
    Approved = 4,
    ApprovedWithConditions = 5,
}
