namespace Readiness.Core.Portfolio;

public enum ImpactLevel
{
    Low = 0,
    Medium = 1,
    High = 2,
}
