using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Readiness.Core.Risks;

/// <summary>How big a score is, in words (the matrix's bands; colour only repeats them).</summary>
public enum RiskBand
{
    Low,
    Medium,
    High,
    VeryHigh,
}

/// <summary>
/// The 5 × 5 matrix: likelihood (1 rare … 5 almost certain) × impact (1 minimal … 5 severe) gives a score of 1–25,
/// banded Low (1–4), Medium (5–9), High (10–14) and Very high (15–25).
/// </summary>
public static class RiskScoring
{
    public const int Min = 1;
    public const int Max = 5;

    public static readonly IReadOnlyList<string> LikelihoodWords = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"];
    public static readonly IReadOnlyList<string> ImpactWords = ["Minimal", "Minor", "Moderate", "Major", "Severe"];

    public static bool IsRating(int value) => value is >= Min and <= Max;

    public static void Check(int likelihood, int impact)
    {
        if (!IsRating(likelihood)) throw new ArgumentOutOfRangeException(nameof(likelihood), likelihood, "Likelihood is 1 to 5.");
        if (!IsRating(impact)) throw new ArgumentOutOfRangeException(nameof(impact), impact, "Impact is 1 to 5.");
    }

    public static int Score(int likelihood, int impact)
    {
        Check(likelihood, impact);
        return likelihood * impact;
    }

    public static RiskBand Band(int score) => score switch
    {
        <= 4 => RiskBand.Low,
        <= 9 => RiskBand.Medium,
        <= 14 => RiskBand.High,
        _ => RiskBand.VeryHigh,
    };

    public static string Words(RiskBand band) => band == RiskBand.VeryHigh ? "Very high" : band.ToString();

    public static string Likelihood(int rating) => $"{rating} {LikelihoodWords[rating - 1]}";
    public static string Impact(int rating) => $"{rating} {ImpactWords[rating - 1]}";

    /// <summary>"R-7": how people name a risk in rationales and emails.</summary>
    public static string Reference(int id) => "R-" + id.ToString(CultureInfo.InvariantCulture);

    public static string Words(RiskStatus s) => s == RiskStatus.Realised ? "Realised (now an issue)" : s.ToString();

    public static string Words(RiskLevel l) => l.ToString();

    public static string Words(RiskProximity p) => p switch
    {
        RiskProximity.WithinAMonth => "Within a month",
        RiskProximity.OneToThreeMonths => "1 to 3 months",
        RiskProximity.ThreeToSixMonths => "3 to 6 months",
        _ => "Over 6 months",
    };
}

/// <summary>Configuration section "Risks".</summary>
public sealed class RiskOptions
{
    public const string Section = "Risks";

    /// <summary>
    /// An open risk linked to a release with at least this score must be acknowledged in the SRO's go / no-go decision
    /// (a tick per risk with the rationale); the server refuses a decision that leaves one out.
    /// </summary>
    [Range(1, 25, ErrorMessage = "Risks:AcknowledgeFromScore must be between 1 and 25 (a score on the 5 × 5 matrix).")]
    public int AcknowledgeFromScore { get; set; } = 15;
}
