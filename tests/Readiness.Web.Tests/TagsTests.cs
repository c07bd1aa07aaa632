using System.Text.Encodings.Web;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Readiness.Core.Common;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The list rows' tags (<see cref="Tags"/>) are the Design System tags the tag helpers write: the same element,
/// classes, attributes and content, so a page that writes them directly looks and reads as one with the helpers.
/// </summary>
public sealed class TagsTests
{
    private static string Html(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static string Helper(TagHelper helper, string tagName, TagHelperAttributeList attributes, string? childHtml)
    {
        var context = new TagHelperContext(tagName, [], new Dictionary<object, object>(), "id");
        var output = new TagHelperOutput(tagName, attributes, (_, _) =>
            Task.FromResult<TagHelperContent>(new DefaultTagHelperContent().SetHtmlContent(childHtml ?? "")));
        output.Content.SetHtmlContent(childHtml ?? "");
        helper.Process(context, output);
        return Html(output);
    }

    /// <summary>The element as a browser reads it: name, attributes sorted, inner HTML.</summary>
    private static (string Name, string Attributes, string Inner) Read(string html)
    {
        var element = new HtmlParser().ParseDocument(html).Body!.Children.Single();
        return (element.LocalName, string.Join(" ", element.Attributes.Select(a => $"{a.Name}={a.Value}").Order()), element.InnerHtml);
    }

    [Theory]
    [InlineData(null, "<strong class=\"govuk-tag govuk-tag--grey app-rag\">Not scored</strong>")]
    [InlineData(Rag.Red, "<strong class=\"govuk-tag govuk-tag--red app-rag\"><span aria-hidden=\"true\">■</span> Red</strong>")]
    [InlineData(Rag.Amber, "<strong class=\"govuk-tag govuk-tag--yellow app-rag\"><span aria-hidden=\"true\">▲</span> Amber</strong>")]
    [InlineData(Rag.Green, "<strong class=\"govuk-tag govuk-tag--green app-rag\"><span aria-hidden=\"true\">●</span> Green</strong>")]
    public void A_rag_is_a_word_and_a_shape_as_app_rag_writes_it(Rag? rag, string expected)
    {
        Assert.Equal(expected, Html(Tags.Rag(rag)));
        Assert.Equal(expected, Helper(new RagTagHelper { Value = rag }, "app-rag", [], null));
    }

    [Fact]
    public void A_tag_with_a_mark_a_class_and_a_test_id_is_what_govuk_tag_writes()
    {
        var helper = Helper(new TagTagHelper { Colour = "red" }, "govuk-tag",
            [new TagHelperAttribute("class", "app-nowrap"), new TagHelperAttribute("data-testid", "overdue")],
            "<span aria-hidden=\"true\">!</span> Overdue &amp; late");

        Assert.Equal(Read(helper), Read(Html(Tags.Tag("red", "Overdue & late", "!", "app-nowrap", "overdue"))));
    }

    [Fact]
    public void A_plain_tag_has_the_colour_class_only()
    {
        var helper = Helper(new TagTagHelper { Colour = "blue" }, "govuk-tag", [], "Submitted");

        Assert.Equal(Read(helper), Read(Html(Tags.Tag("blue", "Submitted"))));
        Assert.Equal("<strong class=\"govuk-tag\">Draft</strong>", Html(Tags.Tag(null, "Draft")));
    }
}
