namespace Readiness.Core.Templates;

/// <summary>How a criterion is answered. Each type has its own pass rule (see <see cref="Assessments.AnswerRules"/>).</summary>
public enum AnswerType
{
    YesNo = 0,
    YesNoPartial = 1,
    Rag = 2,
    Percentage = 3,
    Number = 4,
    Date = 5,
    Text = 6,
    EvidenceLink = 7,
}

/// <summary>When a team lead must attach an evidence link to an answer.</summary>
public enum EvidenceRule
{
    None = 0,

    /// <summary>Only when the answer claims a pass: claims need backing, admissions do not.</summary>
    WhenPassing = 1,
    Always = 2,
}
