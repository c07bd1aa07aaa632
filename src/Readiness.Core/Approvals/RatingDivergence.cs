using Readiness.Core.Common;

namespace Readiness.Core.Approvals;

/// <summary>One disagreement between two ratings of the same thing, told in words ("Team lead says Green; the answers score Amber.").</summary>
/// <param name="AreaCode">The area it is about; null for the release as a whole (the SRO's DCA).</param>
public sealed record Divergence(string? AreaCode, string? AreaName, string Words, int Steps);

/// <summary>The ratings of one area's return: the team lead's own judgement, the computed RAG and the BCM's decision.</summary>
public sealed record AreaRatings(string AreaCode, string AreaName, Rag? TeamLead, Rag? Answers, Decision? Bcm);

/// <summary>
/// Rating divergence (issue 10, point 2). Every rating is put on the five steps of the Delivery Confidence Assessment —
/// Green 0, Amber/Green 1, Amber 2, Amber/Red 3, Red 4 — so a RAG's Amber is two steps from Green, and two ratings
/// that are more than one step apart disagree. A BCM's decision reads as a rating too: Approve is Green, Approve with
/// conditions Amber/Green ("ready, with conditions"), Return Red. Adjacent ratings (Amber/Green beside Green) are not
/// worth an SRO's attention; Green beside Amber is.
/// </summary>
public static class RatingDivergence
{
    public const int Tolerance = 1;

    public static int Step(Rag rag) => rag switch { Rag.Green => 0, Rag.Amber => 2, _ => 4 };

    public static int Step(Dca dca) => (int)dca;

    public static int Step(Decision bcm) => bcm switch { Decision.Approve => 0, Decision.ApproveWithConditions => 1, _ => 4 };

    /// <summary>The disagreements within one area's return: team lead and answers, BCM and answers, team lead and BCM.</summary>
    public static IReadOnlyList<Divergence> ForArea(AreaRatings r)
    {
        var found = new List<Divergence>();
        void Compare(int? a, int? b, string words)
        {
            if (a is { } x && b is { } y && Math.Abs(x - y) > Tolerance) found.Add(new Divergence(r.AreaCode, r.AreaName, words, Math.Abs(x - y)));
        }
        var bcm = r.Bcm is { } d && d is Decision.Approve or Decision.ApproveWithConditions or Decision.Return ? d : (Decision?)null;
        Compare(Step(r.TeamLead), Step(r.Answers), $"Team lead says {r.TeamLead}; the answers score {r.Answers}.");
        Compare(Step(bcm), Step(r.Answers), $"The BCM {BcmWords(bcm)}; the answers score {r.Answers}.");
        Compare(Step(r.TeamLead), Step(bcm), $"Team lead says {r.TeamLead}; the BCM {BcmWords(bcm)}.");
        return found;
    }

    /// <summary>
    /// The SRO's DCA against the worst computed RAG and the worst team lead's rating of the release's returns (the pack's
    /// worst is what could stop the go-live, so it is what a confident DCA must answer).
    /// </summary>
    public static IReadOnlyList<Divergence> ForRelease(Dca? sro, IReadOnlyList<AreaRatings> areas)
    {
        if (sro is not { } dca) return [];
        var found = new List<Divergence>();
        var worstAnswers = areas.Where(a => a.Answers is not null).OrderBy(a => a.Answers).FirstOrDefault();
        var worstLead = areas.Where(a => a.TeamLead is not null).OrderBy(a => a.TeamLead).FirstOrDefault();
        if (worstAnswers is { Answers: { } rag } && Math.Abs(Step(dca) - Step(rag)) > Tolerance)
            found.Add(new Divergence(null, null, $"The SRO's DCA is {Decisions.Words(dca)}; the answers score {rag} at worst ({worstAnswers.AreaName}).", Math.Abs(Step(dca) - Step(rag))));
        if (worstLead is { TeamLead: { } lead } && Math.Abs(Step(dca) - Step(lead)) > Tolerance)
            found.Add(new Divergence(null, null, $"The SRO's DCA is {Decisions.Words(dca)}; a team lead says {lead} ({worstLead.AreaName}).", Math.Abs(Step(dca) - Step(lead))));
        return found;
    }

    /// <summary>Every disagreement of a release: the SRO's first, then each area's in the order given.</summary>
    public static IReadOnlyList<Divergence> Of(Dca? sro, IReadOnlyList<AreaRatings> areas) =>
        [.. ForRelease(sro, areas), .. areas.SelectMany(ForArea)];

    private static int? Step(Rag? rag) => rag is { } r ? Step(r) : null;

    private static int? Step(Decision? d) => d is { } x ? Step(x) : null;

    private static string BcmWords(Decision? d) => d switch
    {
        Decision.Approve => "approved it outright (Green)",
        Decision.ApproveWithConditions => "approved it with conditions (Amber/Green)",
        _ => "returned it (Red)",
    };
}
