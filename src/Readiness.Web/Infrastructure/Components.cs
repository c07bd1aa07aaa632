using System.Globalization;
using Readiness.Core.Common;

namespace Readiness.Web.Infrastructure;

/// <summary>One entry of an MOJ timeline: a sentence, who, when (local time), and an optional quote and detail.</summary>
public sealed record TimelineEntry(string Title, string? By, string When, string Iso, string? Quote = null, string? Detail = null)
{
    public static TimelineEntry At(ReadinessClock clock, DateTime utc, string title, string? by, string? quote = null, string? detail = null) =>
        new(title, by, Display.LocalTime(clock, utc), Display.Iso(utc), quote, detail);
}

/// <summary>An MOJ timeline; <see cref="HeadingLevel"/> keeps the page's heading outline (the titles are headings).</summary>
public sealed record TimelineView(IReadOnlyList<TimelineEntry> Entries, int HeadingLevel = 3, string TestId = "timeline", string ItemTestId = "timeline-entry");

public sealed record SubNavItem(string Text, string Href, bool Current, int? Count = null, string CountWords = "");

/// <summary>MOJ sub navigation (tabs that are pages of their own).</summary>
public sealed partial record SubNavigation(string Label, IReadOnlyList<SubNavItem> Items);

/// <summary>
/// GOV.UK pagination: page numbers around the current page, first and last always shown. With <see cref="More"/>,
/// <see cref="Pages"/> are the pages counted and more follow: the numbers end in an ellipsis instead of a last page.
/// </summary>
public sealed partial record PageLinks(int Page, int Pages, Func<int, string> Url, string Label = "Pages")
{
    public bool More { get; init; }

    public IEnumerable<int?> Numbers()
    {
        int? previous = null;
        for (var p = 1; p <= Pages; p++)
        {
            var last = p == Pages && !More;
            if (p != 1 && !last && Math.Abs(p - Page) > 2) continue;
            if (previous is { } q && p - q > 1) yield return null;
            yield return p;
            previous = p;
        }
        if (More) yield return null;
    }

    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A long list to choose one from (programmes, areas, releases) as a searchable text input: a native
/// <c>datalist</c> offers the names as the person types, with no script, and the server takes a code or a name
/// (<see cref="Choices.CodeOf"/>). Empty means <see cref="AllText"/>; without it (a form's required choice) the field
/// shows its error from ModelState like any other field.
/// </summary>
public sealed partial record ChoiceInput(string Name, string Label, string? Code, IReadOnlyList<Readiness.Core.Portfolio.PortfolioChoice> Choices, string? AllText,
    string LabelClass = "govuk-label govuk-label--s")
{
    /// <summary>The input's id: the name as the tag helpers sanitise it ("Impact.AreaCode" → "Impact_AreaCode").</summary>
    public string Id => ErrorLink.IdOf(Name);

    /// <summary>
    /// Where the box asks for suggestions as the person types, when <see cref="Choices"/> holds only the chosen item of a
    /// long list (null: every choice is in the page). Without script the box still takes a code or a name.
    /// </summary>
    public string? SuggestUrl { get; init; }

    /// <summary>How many there are to choose from (more than <see cref="Choices"/> when suggestions are fetched).</summary>
    public int? Total { get; init; }

    public string Hint => AllText is null
        ? $"Start typing a name or code to choose from {Total ?? Choices.Count}"
        : $"Start typing to choose from {Total ?? Choices.Count}, or leave empty for {AllText.ToLowerInvariant()}";

    /// <summary>A programme box: every programme in the page while there are few, otherwise suggestions from <see cref="ProgrammeSuggestionsUrl"/>.</summary>
    public static ChoiceInput Programme(string? code, Readiness.Core.Portfolio.ProgrammeOffer offer, string allText = "All programmes") =>
        new("Programme", "Programme", code, offer.Offered, allText)
        {
            SuggestUrl = offer.Complete ? null : ProgrammeSuggestionsUrl,
            Total = offer.Total,
        };

    public const string ProgrammeSuggestionsUrl = "/Portfolio/ProgrammeSuggestions";

    /// <summary>What the box shows: the chosen item's name, or what was typed if it matched nothing.</summary>
    public string? Shown => Choices.FirstOrDefault(c => c.Code == Code)?.Name ?? Code;
}

public static class Choices
{
    /// <summary>The code of the choice typed: its code or its name, any case; what matches nothing is kept as typed (and matches no row).</summary>
    public static string? CodeOf(string? typed, IReadOnlyList<Readiness.Core.Portfolio.PortfolioChoice> choices)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var t = typed.Trim();
        return choices.FirstOrDefault(c => string.Equals(c.Code, t, StringComparison.OrdinalIgnoreCase))?.Code
            ?? choices.FirstOrDefault(c => string.Equals(c.Name, t, StringComparison.OrdinalIgnoreCase))?.Code
            ?? OnlyShortFormMatch(t, choices)
            ?? t;
    }

    /// <summary>
    /// A choice shown as "Rachel Holloway (sro.connect@…)" or "Release (code, go-live …)" is also found by the part
    /// before or inside its brackets, when exactly one choice has it (two people of one name must be told apart).
    /// </summary>
    private static string? OnlyShortFormMatch(string typed, IReadOnlyList<Readiness.Core.Portfolio.PortfolioChoice> choices)
    {
        static (string Before, string Inside) Parts(string name)
        {
            var open = name.LastIndexOf(" (", StringComparison.Ordinal);
            return open < 0 || !name.EndsWith(')') ? (name, "") : (name[..open], name[(open + 2)..^1]);
        }
        var matches = choices.Where(c => Parts(c.Name) is var (before, inside)
            && (string.Equals(before, typed, StringComparison.OrdinalIgnoreCase) || string.Equals(inside, typed, StringComparison.OrdinalIgnoreCase))).Take(2).ToList();
        return matches.Count == 1 ? matches[0].Code : null;
    }
}
