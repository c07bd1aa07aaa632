using Readiness.Core.Approvals;
using Readiness.Core.Common;

namespace Readiness.Core.Portfolio;

/// <summary>
/// The tracker's read model: one row per gate with what would otherwise be counted over every return of the
/// portfolio on each page (returns submitted / approved, worst RAG, failing criteria, the SRO's go / no-go and DCA, complete) and the
/// values the tracker sorts and filters on (due date, release code), so a page of the tracker is a page of this
/// table. Kept up to date by <see cref="GateSummaries"/> in the same transaction as every change that alters it;
/// date-driven status (overdue, due this week) is not stored but derived from <see cref="DueOn"/> at query time.
/// </summary>
public class GateSummary
{
    /// <summary>What <see cref="RagRank"/> holds when no return of the gate is scored yet (sorts after Green).</summary>
    public const int NotScored = 3;

    private GateSummary() { }

    internal GateSummary(int gateId) => GateId = gateId;

    public int GateId { get; private set; }
    public int ReleaseId { get; private set; }
    public int ProgrammeId { get; private set; }
    public string ReleaseCode { get; private set; } = "";
    public GateKind Kind { get; private set; }
    public int OffsetDays { get; private set; }
    public DateOnly GoLive { get; private set; }
    public DateOnly DueOn { get; private set; }
    public int ImpactedAreas { get; private set; }
    public int Returns { get; private set; }
    public int Submitted { get; private set; }
    public int Approved { get; private set; }

    /// <summary>
    /// Criteria below their minimum pass in the gate's submitted returns, as recorded at submission (issue 10); a go /
    /// no-go gate counts its release's readiness returns. Kept here so a tracker page does not sum returns per request.
    /// </summary>
    public int FailingCriteria { get; private set; }

    /// <summary>
    /// How many releases the gate's release depends on (<see cref="ReleaseDependency"/>). Whether one of them is late
    /// depends on today, so it is looked up when shown; kept here so a tracker page asks only for releases that have any.
    /// </summary>
    public int Dependencies { get; private set; }

    /// <summary>The worst RAG of the gate's returns as a number that sorts: Red 0, Amber 1, Green 2, none <see cref="NotScored"/>.</summary>
    public int RagRank { get; private set; }

    /// <summary>The release's latest go / no-go decision and DCA (shown on its go / no-go gate only).</summary>
    public Decision? GoDecision { get; private set; }
    public Dca? GoDca { get; private set; }

    /// <summary>Complete: the release is closed, or live (except its post-go-live review), or the gate's own work is done.</summary>
    public bool Complete { get; private set; }

    public Rag? WorstRag => RagRank == NotScored ? null : (Rag)RagRank;

    public static int RankOf(Rag? rag) => rag is { } r ? (int)r : NotScored;

    /// <summary>Takes the freshly computed values; false when nothing changed (so nothing is written).</summary>
    internal bool Apply(GateSummaryValues v)
    {
        var before = (ReleaseId, ProgrammeId, ReleaseCode, Kind, OffsetDays, GoLive, DueOn, ImpactedAreas, Returns, Submitted, Approved, FailingCriteria, Dependencies, RagRank, GoDecision, GoDca, Complete);
        (ReleaseId, ProgrammeId, ReleaseCode, Kind, OffsetDays, GoLive, DueOn) = (v.ReleaseId, v.ProgrammeId, v.ReleaseCode, v.Kind, v.OffsetDays, v.GoLive, v.GoLive.AddDays(v.OffsetDays));
        (ImpactedAreas, Returns, Submitted, Approved, FailingCriteria, Dependencies, RagRank, GoDecision, GoDca, Complete) =
            (v.ImpactedAreas, v.Returns, v.Submitted, v.Approved, v.FailingCriteria, v.Dependencies, RankOf(v.WorstRag), v.GoDecision, v.GoDca, v.Complete);
        return before != (ReleaseId, ProgrammeId, ReleaseCode, Kind, OffsetDays, GoLive, DueOn, ImpactedAreas, Returns, Submitted, Approved, FailingCriteria, Dependencies, RagRank, GoDecision, GoDca, Complete);
    }
}

/// <summary>One gate's summary as computed from the portfolio (<see cref="GateSummaries.ComputeAsync"/>).</summary>
public sealed record GateSummaryValues(
    int GateId, int ReleaseId, int ProgrammeId, string ReleaseCode, GateKind Kind, int OffsetDays, DateOnly GoLive, int ImpactedAreas,
    int Returns, int Submitted, int Approved, int FailingCriteria, int Dependencies, Rag? WorstRag, Decision? GoDecision, Dca? GoDca, bool Complete);
