using System.Reflection;
using Readiness.Core.Assessments;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;

namespace Readiness.Core.Tests.TestData;

/// <summary>In-memory domain objects for unit tests. Ids are private-set, so they are assigned by reflection here only.</summary>
internal static class Builders
{
    public static readonly DateOnly GoLive = new(2026, 6, 15);
    public static readonly DateTime Now = new(2026, 5, 1, 9, 30, 0, DateTimeKind.Utc);

    public const decimal GreenThreshold = 85m;
    public const decimal AmberThreshold = 65m;

    /// <summary>A criterion spec with neutral defaults: weight 1, not blocking, not required, no evidence rule, applies everywhere.</summary>
    public static CriterionSpec Spec(AnswerType type, string? minimumPass = null) =>
        new(0, "", "", type, 1, false, false, minimumPass, EvidenceRule.None, "Signed-off training plan.", "Answer for the whole area.");

    /// <summary>A criterion with the given id; its code is "C-{id}" and its order is its id.</summary>
    public static Criterion Criterion(int id, CriterionSpec spec)
    {
        var criterion = new Criterion(spec with { Order = id, Code = $"C-{id}", Text = $"Question {id}?" });
        return WithId(criterion, id);
    }

    public static Criterion Criterion(int id, AnswerType type, string? minimumPass = null) => Criterion(id, Spec(type, minimumPass));

    /// <summary>A template with one section holding the criteria, Green at 85 and Amber at 65.</summary>
    public static QuestionnaireTemplate Template(params Criterion[] criteria)
    {
        var template = new QuestionnaireTemplate("business-readiness", 1, "Business readiness", "", GreenThreshold, AmberThreshold, "hash", Now);
        var section = new TemplateSection(1, "PT", "People and training", "");
        section.Criteria.AddRange(criteria);
        template.Sections.Add(section);
        return template;
    }

    public static Impact Impact(ImpactLevel level, decimal trainingHours = 4m, int hypercareWeeks = 4) =>
        new(1, 1, 100, level, trainingHours, hypercareWeeks);

    public static AnswerContent Answer(string value, string evidenceLink = "", string comment = "") =>
        AnswerContent.From(value, evidenceLink, comment);

    public static Dictionary<int, AnswerContent> Answers(params (int CriterionId, string Value)[] answers) =>
        answers.ToDictionary(a => a.CriterionId, a => Answer(a.Value));

    public static ScoreCard Score(QuestionnaireTemplate template, IReadOnlyDictionary<int, AnswerContent> answers, Impact? impact = null) =>
        ScoreCard.Compute(template, answers, impact, GoLive);

    public static AnswerCheck Check(Criterion criterion, string value, string evidenceLink = "") =>
        AnswerRules.Check(criterion, Answer(value, evidenceLink), GoLive);

    public static Assessment NewAssessment() => new(releaseId: 1, gateId: 1, businessAreaId: 1, templateId: 1, Now);

    /// <summary>A form field as posted: the content typed, and the revision and fingerprint the form was opened on.</summary>
    public static AnswerChange Change(int criterionId, AnswerContent posted, int baseRevision, AnswerContent baseContent) =>
        new(criterionId, posted, baseRevision, baseContent.Fingerprint);

    public static T WithId<T>(T entity, int id) where T : class
    {
        var property = typeof(T).GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no Id property.");
        property.SetValue(entity, id);
        return entity;
    }
}
