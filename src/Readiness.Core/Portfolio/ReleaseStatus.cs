namespace Readiness.Core.Portfolio;

public enum ReleaseStatus
{
    Planned = 0,
    InReadiness = 1,
    Live = 2,
    Closed = 3,
}
