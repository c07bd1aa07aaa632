using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// A choice box's datalist options as one piece of HTML, made once per list. The filter boxes' lists are the node's copy
/// (<see cref="ReferenceLists"/>), the same objects until the programmes or areas change, so the 120 options a tracker
/// page carries are encoded once per change instead of at every request, where writing them option by option through
/// Razor's buffers was a tenth of the page.
/// </summary>
public static class ChoiceOptions
{
    private static readonly ConditionalWeakTable<IReadOnlyList<PortfolioChoice>, HtmlString> Made = [];

    public static IHtmlContent Of(IReadOnlyList<PortfolioChoice> choices) => Made.GetValue(choices, Write);

    private static HtmlString Write(IReadOnlyList<PortfolioChoice> choices)
    {
        var html = new StringBuilder();
        var encoder = HtmlEncoder.Default; // Razor's own encoder, so the markup is what the page would have written
        foreach (var c in choices)
            html.Append("<option value=\"").Append(encoder.Encode(c.Name)).Append("\">").Append(encoder.Encode(c.Code)).Append("</option>");
        return new HtmlString(html.ToString());
    }
}
