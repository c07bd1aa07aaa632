using System.Globalization;
using Readiness.Core.Common;
using Readiness.Core.Templates;

namespace Readiness.Core.Assessments;

/// <summary>Which part of an answer a problem is about, so the form can link the message to the right field.</summary>
public enum AnswerField
{
    Value,
    EvidenceLink,
    Comment,
}

public sealed record AnswerProblem(AnswerField Field, string Message);

/// <summary>What one answer means against its criterion: is it well formed, does it pass, what does it score.</summary>
public sealed record AnswerCheck(bool Answered, bool? Passed, decimal? Fraction, IReadOnlyList<AnswerProblem> FormatProblems);

/// <summary>
/// The rules of each answer type: the allowed values, the pass rule against the criterion's minimum pass,
/// and the fraction of the criterion's weight the answer earns.
/// </summary>
public static class AnswerRules
{
    public static readonly IReadOnlyList<string> YesNo = ["Yes", "No"];
    public static readonly IReadOnlyList<string> YesNoPartial = ["Yes", "Partial", "No"];
    public static readonly IReadOnlyList<string> RagValues = ["Green", "Amber", "Red"];

    /// <summary>The choices offered for a choice-type criterion, best first; empty for free-form types.</summary>
    public static IReadOnlyList<string> ChoicesFor(AnswerType type) => type switch
    {
        AnswerType.YesNo => YesNo,
        AnswerType.YesNoPartial => YesNoPartial,
        AnswerType.Rag => RagValues,
        _ => [],
    };

    public static AnswerCheck Check(Criterion criterion, AnswerContent answer, DateOnly goLive)
    {
        var problems = new List<AnswerProblem>();
        if (TextLimits.TooLong(answer.Comment, TextLimits.Comment, "The comment") is { } longComment) problems.Add(new(AnswerField.Comment, longComment));
        if (TextLimits.TooLong(answer.EvidenceLink, TextLimits.Link, "The evidence link") is { } longLink) problems.Add(new(AnswerField.EvidenceLink, longLink));
        else if (answer.EvidenceLink.Length > 0 && !IsWebLink(answer.EvidenceLink))
            problems.Add(new(AnswerField.EvidenceLink, "Enter the evidence link as a full web address starting with https:// or http://."));
        if (answer.Value.Length == 0) return new AnswerCheck(false, null, 0m, problems);
        if (TextLimits.TooLong(answer.Value, TextLimits.Answer, "The answer") is { } longAnswer)
            return new AnswerCheck(true, null, 0m, [.. problems, new(AnswerField.Value, longAnswer)]);

        var (passed, fraction, problem) = criterion.AnswerType switch
        {
            AnswerType.YesNo or AnswerType.YesNoPartial or AnswerType.Rag => Choice(criterion, answer.Value),
            AnswerType.Percentage => Numeric(criterion, answer.Value, 0m, 100m, isPercentage: true),
            AnswerType.Number => Numeric(criterion, answer.Value, criterion.RangeMin, criterion.RangeMax, isPercentage: false),
            AnswerType.Date => DateAnswer(criterion, answer.Value, goLive),
            AnswerType.EvidenceLink => IsWebLink(answer.Value)
                ? (true, 1m, null)
                : ((bool?)null, (decimal?)0m, "Enter a full web address starting with https:// or http://."),
            AnswerType.Text => ((bool?)null, (decimal?)null, (string?)null),
            _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion.AnswerType, "Unknown answer type."),
        };
        if (problem is not null) problems.Add(new(AnswerField.Value, problem));
        return new AnswerCheck(true, problem is null ? passed : null, problem is null ? fraction : 0m, problems);
    }

    /// <summary>Normalises a choice ("yes" → "Yes") so stored values are canonical; other values pass through.</summary>
    public static string Canonical(AnswerType type, string value)
    {
        var match = ChoicesFor(type).FirstOrDefault(c => string.Equals(c, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return match ?? value.Trim();
    }

    public static bool IsWebLink(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>Parses "T-7" / "T0" / "T+3" into a day offset from go-live.</summary>
    public static bool TryParseOffset(string? text, out int days)
    {
        days = 0;
        if (string.IsNullOrWhiteSpace(text) || text[0] != 'T') return false;
        if (text == "T0") return true;
        return int.TryParse(text.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out days);
    }

    private static (bool?, decimal?, string?) Choice(Criterion criterion, string value)
    {
        var choices = ChoicesFor(criterion.AnswerType);
        var index = IndexOf(choices, value);
        if (index < 0) return (null, 0m, $"Choose one of: {string.Join(", ", choices)}.");
        // Choices run best first; the fraction falls evenly from 1 to 0 (Yes 1, Partial 0.5, No 0).
        var fraction = 1m - (decimal)index / (choices.Count - 1);
        var minimum = criterion.MinimumPass is null ? 0 : IndexOf(choices, criterion.MinimumPass);
        return (index <= minimum, fraction, null);
    }

    private static int IndexOf(IReadOnlyList<string> choices, string value)
    {
        for (var i = 0; i < choices.Count; i++)
            if (string.Equals(choices[i], value.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    private static (bool?, decimal?, string?) Numeric(Criterion criterion, string value, decimal? min, decimal? max, bool isPercentage)
    {
        var text = isPercentage ? value.TrimEnd('%').Trim() : value;
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            return (null, 0m, isPercentage ? "Enter a percentage as a number from 0 to 100, like 85." : "Enter a number, like 12 or 12.5.");
        if (min is { } lo && number < lo || max is { } hi && number > hi)
            return (null, 0m, (min, max) switch
            {
                ({ } a, { } b) => $"Enter a number from {Format(a)} to {Format(b)}.",
                ({ } a, null) => $"Enter a number of {Format(a)} or more.",
                _ => $"Enter a number of {Format(max!.Value)} or less.",
            });
        var threshold = decimal.TryParse(criterion.MinimumPass, NumberStyles.Number, CultureInfo.InvariantCulture, out var t) ? t : (decimal?)null;
        var passed = threshold is null || number >= threshold;
        var fraction = isPercentage ? number / 100m : (passed ? 1m : 0m);
        return (passed, fraction, null);
    }

    private static (bool?, decimal?, string?) DateAnswer(Criterion criterion, string value, DateOnly goLive)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return (null, 0m, "Enter a date as day, month and year, like 2026-12-01.");
        if (!TryParseOffset(criterion.MinimumPass, out var offset)) return (true, 1m, null);
        var passed = date <= goLive.AddDays(offset);
        return (passed, passed ? 1m : 0m, null);
    }

    private static string Format(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
