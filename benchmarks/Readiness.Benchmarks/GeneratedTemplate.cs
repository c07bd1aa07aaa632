using System.Globalization;
using System.Security.Cryptography;
using Readiness.Core.Assessments;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;

namespace Readiness.Benchmarks;

/// <summary>The generated portfolio's questionnaire and its answers: the shape of the real template, at benchmark size.</summary>
internal static class GeneratedTemplate
{
    /// <summary>Six sections of ten criteria, cycling through the answer types the real template uses.</summary>
    internal static QuestionnaireTemplate Build(DateTime nowUtc)
    {
        var template = new QuestionnaireTemplate("bench-readiness", 1, "Benchmark readiness", "Generated 60-criterion template", 85, 65,
            Convert.ToHexString(SHA256.HashData("bench-readiness v1"u8)), nowUtc.AddDays(-200));
        var order = 0;
        for (var s = 1; s <= PortfolioGenerator.CriteriaPerTemplate / 10; s++)
        {
            var section = new TemplateSection(s, $"S{s}", $"Section {s}", $"Generated section {s}");
            for (var i = 1; i <= 10; i++)
            {
                order++;
                var code = $"S{s}-{i:00}";
                var text = $"Generated question {code}: is this part of the change ready for go-live?";
                const string evidence = "A document that shows it.";
                const string guidance = "Answer for the whole area, every shift.";
                var spec = (order % 7) switch
                {
                    0 => new CriterionSpec(order, code, text, AnswerType.YesNoPartial, 3, false, true, "Yes", EvidenceRule.WhenPassing, evidence, guidance),
                    1 => new CriterionSpec(order, code, text, AnswerType.Percentage, 5, true, true, "90", EvidenceRule.WhenPassing, evidence, guidance, 0, 100,
                        AppliesIfTraining: true),
                    2 => new CriterionSpec(order, code, text, AnswerType.Number, 3, false, true, "4", EvidenceRule.WhenPassing, evidence, guidance, 0, 200, "people",
                        AppliesIfMinImpactLevel: ImpactLevel.Medium),
                    3 => new CriterionSpec(order, code, text, AnswerType.YesNo, 4, order % 2 == 0, true, "Yes", EvidenceRule.Always, evidence, guidance),
                    4 => new CriterionSpec(order, code, text, AnswerType.Rag, 2, false, true, "Amber", EvidenceRule.None, evidence, guidance,
                        AppliesIfHypercare: true),
                    5 => new CriterionSpec(order, code, text, AnswerType.EvidenceLink, 2, false, true, null, EvidenceRule.None, evidence, guidance),
                    _ => new CriterionSpec(order, code, text, AnswerType.Text, 1, false, false, null, EvidenceRule.None, evidence, guidance),
                };
                section.Criteria.Add(new Criterion(spec));
            }
            template.Sections.Add(section);
        }
        return template;
    }

    /// <summary>A well-formed answer, passing most of the time, always with evidence and a comment (so a failed blocking one can be submitted).</summary>
    internal static AnswerContent AnswerFor(Criterion c, Random random)
    {
        var good = random.NextDouble() < 0.8;
        var value = c.AnswerType switch
        {
            AnswerType.YesNo => good ? "Yes" : "No",
            AnswerType.YesNoPartial => good ? "Yes" : random.Next(2) == 0 ? "Partial" : "No",
            AnswerType.Rag => good ? "Green" : random.Next(2) == 0 ? "Amber" : "Red",
            AnswerType.Percentage => (good ? random.Next(90, 101) : random.Next(40, 90)).ToString(CultureInfo.InvariantCulture),
            AnswerType.Number => (good ? random.Next(4, 40) : random.Next(0, 4)).ToString(CultureInfo.InvariantCulture),
            AnswerType.EvidenceLink => $"https://sharepoint.example/evidence/{c.Code}",
            _ => "Plans are in place and have been walked through with the teams on every shift.",
        };
        return AnswerContent.From(value, $"https://sharepoint.example/evidence/{c.Code}/{random.Next(1000)}", "Checked with the shift leads.");
    }
}
