namespace Readiness.Core.Approvals;

/// <summary>The choices an approver has. BCMs decide area returns; SROs decide go / no-go.</summary>
public enum Decision
{
    Approve = 0,
    ApproveWithConditions = 1,
    Return = 2,
    Go = 3,
    GoWithConditions = 4,
    NoGo = 5,

    /// <summary>Post-go-live review: the SRO closes the release.</summary>
    CloseRelease = 6,

    /// <summary>Post-go-live review: the release stays in hypercare until its actions are met.</summary>
    KeepInHypercare = 7,
}

public enum ApprovalKind
{
    AreaReturn = 0,
    GoLive = 1,
    PostGoLiveReview = 2,
}

public enum ApprovalStatus
{
    Pending = 0,
    Decided = 1,

    /// <summary>Another approver of the same round decided first.</summary>
    Superseded = 2,

    /// <summary>Withdrawn: the return was recalled, or the request was reassigned or delegated.</summary>
    Revoked = 3,
}

/// <summary>Delivery Confidence Assessment set by the SRO (never overwrites the computed RAG).</summary>
public enum Dca
{
    Green = 0,
    AmberGreen = 1,
    Amber = 2,
    AmberRed = 3,
    Red = 4,
}

public enum DecisionChannel
{
    Web = 0,
    EmailLink = 1,
}

public static class Decisions
{
    public static IReadOnlyList<Decision> For(ApprovalKind kind) => kind switch
    {
        ApprovalKind.AreaReturn => [Decision.Approve, Decision.ApproveWithConditions, Decision.Return],
        ApprovalKind.PostGoLiveReview => [Decision.CloseRelease, Decision.KeepInHypercare],
        _ => [Decision.Go, Decision.GoWithConditions, Decision.NoGo],
    };

    /// <summary>Return, No-go, anything with conditions and the post-go-live review's decisions must say why.</summary>
    public static bool NeedsComment(Decision d) => d is Decision.Return or Decision.NoGo or Decision.ApproveWithConditions or Decision.GoWithConditions
        or Decision.CloseRelease or Decision.KeepInHypercare;

    /// <summary>Decisions that come with conditions (for keeping a release in hypercare: its actions).</summary>
    public static bool HasConditions(Decision d) => d is Decision.ApproveWithConditions or Decision.GoWithConditions or Decision.KeepInHypercare;

    /// <summary>The workflow trigger each decision fires.</summary>
    public static string Trigger(Decision d) => d switch
    {
        Decision.Approve => "approve",
        Decision.ApproveWithConditions => "approveWithConditions",
        Decision.Return => "return",
        Decision.Go => "go",
        Decision.GoWithConditions => "goWithConditions",
        Decision.CloseRelease => "closeRelease",
        Decision.KeepInHypercare => "keepInHypercare",
        _ => "noGo",
    };

    public static string Words(Decision d) => d switch
    {
        Decision.Approve => "Approve",
        Decision.ApproveWithConditions => "Approve with conditions",
        Decision.Return => "Return to the team lead",
        Decision.Go => "Go",
        Decision.GoWithConditions => "Go with conditions",
        Decision.CloseRelease => "Close the release",
        Decision.KeepInHypercare => "Keep in hypercare with actions",
        _ => "No-go",
    };

    public static string Words(Dca d) => d switch
    {
        Dca.AmberGreen => "Amber/Green",
        Dca.AmberRed => "Amber/Red",
        _ => d.ToString(),
    };
}
