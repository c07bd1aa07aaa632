using System.Globalization;

namespace Readiness.Core.Common;

/// <summary>
/// How much text people may put in one field. Generous for what each field is for, small enough that a page showing
/// it stays a page (a million-character comment is an attack, not a comment); longer material belongs in a linked document.
/// </summary>
public static class TextLimits
{
    public const int Comment = 4_000;
    public const int Answer = 4_000;
    public const int Link = 2_000;
    /// <summary>A name or owner.</summary>
    public const int Name = 500;

    /// <summary>Null when <paramref name="text"/> fits; else the message, naming the field, for the form.</summary>
    public static string? TooLong(string? text, int limit, string field) =>
        text is { Length: var n } && n > limit
            ? $"{field} is {n.ToString("N0", CultureInfo.InvariantCulture)} characters long: keep it to {limit.ToString("N0", CultureInfo.InvariantCulture)} or fewer (link to a document for more)."
            : null;
}
