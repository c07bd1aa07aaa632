namespace Readiness.Core.Portfolio;

/// <summary>The standard checkpoints of a release (DESIGN §2).</summary>
public enum GateKind
{
    Readiness = 0,
    GoNoGo = 1,
    PostGoLiveReview = 2,
}
