using System.Security.Cryptography;
using System.Text;

namespace Readiness.Core.Assessments;

/// <summary>A team lead's answer to one criterion of a return, with its evidence link and comment.</summary>
public class Answer
{
    private Answer() { }

    internal Answer(int criterionId)
    {
        CriterionId = criterionId;
    }

    public int Id { get; private set; }
    public int AssessmentId { get; private set; }
    public int CriterionId { get; private set; }
    public string Value { get; private set; } = "";
    public string EvidenceLink { get; private set; } = "";
    public string Comment { get; private set; } = "";

    /// <summary>Bumped on every change so that a form opened earlier can tell it is out of date (see <see cref="Assessment.SaveDraft"/>).</summary>
    public int Revision { get; private set; }
    public string AnsweredByUserId { get; private set; } = "";
    public DateTime AnsweredAtUtc { get; private set; }

    public string Fingerprint => FingerprintOf(Value, EvidenceLink, Comment);

    internal void Set(AnswerContent content, string userId, DateTime nowUtc)
    {
        Value = content.Value;
        EvidenceLink = content.EvidenceLink;
        Comment = content.Comment;
        Revision++;
        AnsweredByUserId = userId;
        AnsweredAtUtc = nowUtc;
    }

    /// <summary>
    /// A short digest of an answer's content. Forms carry it so the server can tell an answer the person
    /// left alone from one they changed, without trusting hidden copies of long text.
    /// </summary>
    public static string FingerprintOf(string value, string evidenceLink, string comment)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{value}\u001f{evidenceLink}\u001f{comment}"));
        return Convert.ToHexString(bytes, 0, 12);
    }
}

/// <summary>Normalised answer content (trimmed, never null).</summary>
public readonly record struct AnswerContent(string Value, string EvidenceLink, string Comment)
{
    public static AnswerContent From(string? value, string? evidenceLink, string? comment) =>
        new((value ?? "").Trim(), (evidenceLink ?? "").Trim(), (comment ?? "").Trim());

    public static readonly AnswerContent Empty = new("", "", "");

    public bool IsEmpty => Value.Length == 0 && EvidenceLink.Length == 0 && Comment.Length == 0;
    public string Fingerprint => Answer.FingerprintOf(Value, EvidenceLink, Comment);
}
