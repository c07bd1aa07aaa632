using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The GOV.UK error summary of a form, rendered from <c>ModelState</c>: one link per error, each to the field whose input
/// name is the error's key (the field's id is the name sanitised the way the tag helpers do it, "Form.Comment" →
/// #Form_Comment). Form-wide errors (empty key) link to <see cref="FormId"/> when given. An optional page-level
/// <see cref="Message"/> is shown above the list. The Design System's script moves focus to it on load.
/// </summary>
[HtmlTargetElement("govuk-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public string? Message { get; set; }
    public string? FormId { get; set; }

    /// <summary>Where an error's link goes when it is not a field of this page (e.g. a field of another form page); by key.</summary>
    public Func<string, string?>? LinkFor { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = ErrorLink.From(ViewContext.ModelState, FormId, LinkFor);
        if (errors.Count == 0 && string.IsNullOrWhiteSpace(Message))
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-error-summary");
        output.Attributes.SetAttribute("data-module", "govuk-error-summary");
        var body = new HtmlContentBuilder();
        body.AppendHtml("<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\">");
        if (!string.IsNullOrWhiteSpace(Message)) body.AppendHtml("<p class=\"govuk-body\">").Append(Message).AppendHtml("</p>");
        if (errors.Count > 0)
        {
            body.AppendHtml("<ul class=\"govuk-list govuk-error-summary__list\">");
            foreach (var e in errors)
            {
                body.AppendHtml("<li>");
                if (e.Href is null) body.Append(e.Message);
                else body.AppendHtml("<a href=\"").Append(e.Href).AppendHtml("\">").Append(e.Message).AppendHtml("</a>");
                body.AppendHtml("</li>");
            }
            body.AppendHtml("</ul>");
        }
        body.AppendHtml("</div></div>");
        output.Content.SetHtmlContent(body);
    }
}

/// <summary>A field's error message (GOV.UK pattern) from ModelState, or nothing when the field has no error.</summary>
[HtmlTargetElement("govuk-error-message", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorMessageTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    /// <summary>The input name whose errors are shown.</summary>
    public string For { get; set; } = "";

    /// <summary>The message's id, for the input's aria-describedby; defaults to the field's id + "-error".</summary>
    public string? Id { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var message = ErrorLink.FirstError(ViewContext.ModelState, For);
        if (message is null)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "govuk-error-message");
        output.Attributes.SetAttribute("id", Id ?? ErrorLink.IdOf(For) + "-error");
        output.Content.SetHtmlContent(new HtmlContentBuilder().AppendHtml("<span class=\"govuk-visually-hidden\">Error:</span> ").Append(message));
    }
}

/// <summary>
/// <c>govuk-error-for="Name"</c> on a form group, input, select or textarea adds the Design System's error modifier
/// class when ModelState holds an error for that name; an input, select, textarea or fieldset is then also described by
/// the field's error message (see <see cref="ErrorMessageTagHelper"/>).
/// </summary>
[HtmlTargetElement(Attributes = "govuk-error-for")]
public sealed class ErrorClassTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName("govuk-error-for")] public string For { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ErrorLink.FirstError(ViewContext.ModelState, For) is null) return;
        var classes = output.Attributes.TryGetAttribute("class", out var c) ? c.Value?.ToString() ?? "" : "";
        var modifier = output.TagName switch
        {
            "input" when classes.Contains("govuk-file-upload", StringComparison.Ordinal) => "govuk-file-upload--error",
            "input" => "govuk-input--error",
            "select" => "govuk-select--error",
            "textarea" => "govuk-textarea--error",
            _ when classes.Contains("govuk-fieldset", StringComparison.Ordinal) => "",
            _ => "govuk-form-group--error",
        };
        if (modifier.Length > 0) output.Attributes.SetAttribute("class", (classes + " " + modifier).Trim());
        // Inputs and fieldsets are described by their error message, so a screen reader reads it with the field.
        if (output.TagName is "input" or "select" or "textarea" or "fieldset")
        {
            var described = output.Attributes.TryGetAttribute("aria-describedby", out var d) ? d.Value?.ToString() + " " : "";
            output.Attributes.SetAttribute("aria-describedby", described + ErrorLink.IdOf(For) + "-error");
        }
    }
}

/// <summary><c>&lt;govuk-tag colour="green"&gt;Approved&lt;/govuk-tag&gt;</c>: a status in words, the colour only repeating it.</summary>
[HtmlTargetElement("govuk-tag")]
public sealed class TagTagHelper : TagHelper
{
    /// <summary>A Design System tag colour (grey, green, turquoise, blue, light-blue, purple, pink, red, orange, yellow) or empty.</summary>
    public string? Colour { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "strong";
        var extra = output.Attributes.TryGetAttribute("class", out var c) ? " " + c.Value : "";
        output.Attributes.SetAttribute("class", "govuk-tag" + (string.IsNullOrEmpty(Colour) ? "" : $" govuk-tag--{Colour}") + extra);
    }
}

/// <summary>
/// <c>&lt;app-rag value="x.Rag" /&gt;</c>: a RAG as a Design System tag, never by colour alone — the word is always
/// there, with a shape for each value; "Not scored" when there is none. A tag helper rather than a partial: lists show
/// one per row, and a partial per row costs a view lookup and a copy of the page's view data each time.
/// </summary>
[HtmlTargetElement("app-rag", TagStructure = TagStructure.WithoutEndTag)]
public sealed class RagTagHelper : TagHelper
{
    public Readiness.Core.Common.Rag? Value { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null; // the whole tag is Tags.Rag's, so the lists that write it directly write the same
        output.Content.SetHtmlContent(Tags.Rag(Value));
    }
}
