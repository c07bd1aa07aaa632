using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Readiness.Core.Common;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Design System tags as HTML values, for the rows of a list: <c>@Tags.Rag(row.Rag)</c>, <c>@Tags.Tag("red", "Overdue")</c>.
/// They write what <c>&lt;govuk-tag&gt;</c> and <c>&lt;app-rag&gt;</c> write (the tag helpers use them for the RAG), but
/// a tag helper per cell costs its own output buffers, moved into the page's: on the tracker, three tags in each of 25
/// rows were a seventh of the request. A RAG tag is one of four fixed strings.
/// </summary>
public static class Tags
{
    private static readonly HtmlString NotScored = new("<strong class=\"govuk-tag govuk-tag--grey app-rag\">Not scored</strong>");
    private static readonly HtmlString Red = RagTag("red", "■", Core.Common.Rag.Red);
    private static readonly HtmlString Amber = RagTag("yellow", "▲", Core.Common.Rag.Amber);
    private static readonly HtmlString Green = RagTag("green", "●", Core.Common.Rag.Green);

    /// <summary>A RAG never by colour alone: the word is always there, with a shape for each value; "Not scored" when there is none.</summary>
    public static HtmlString Rag(Rag? value) => value switch
    {
        null => NotScored,
        Core.Common.Rag.Green => Green,
        Core.Common.Rag.Amber => Amber,
        _ => Red,
    };

    private static HtmlString RagTag(string colour, string mark, Rag rag) =>
        new($"<strong class=\"govuk-tag govuk-tag--{colour} app-rag\"><span aria-hidden=\"true\">{mark}</span> {rag}</strong>");

    /// <summary>
    /// A status in words, the colour only repeating it: <paramref name="mark"/> is a shape shown before the words and
    /// hidden from screen readers; <paramref name="extraClass"/> and <paramref name="testId"/> as on <c>&lt;govuk-tag&gt;</c>.
    /// </summary>
    public static HtmlString Tag(string? colour, string text, string? mark = null, string? extraClass = null, string? testId = null)
    {
        var e = HtmlEncoder.Default;
        var testIdAttribute = testId is null ? "" : $" data-testid=\"{e.Encode(testId)}\"";
        var classes = "govuk-tag" + (string.IsNullOrEmpty(colour) ? "" : " govuk-tag--" + e.Encode(colour)) + (extraClass is null ? "" : " " + e.Encode(extraClass));
        var marked = mark is null ? "" : $"<span aria-hidden=\"true\">{e.Encode(mark)}</span> ";
        return new HtmlString($"<strong{testIdAttribute} class=\"{classes}\">{marked}{e.Encode(text)}</strong>");
    }
}
