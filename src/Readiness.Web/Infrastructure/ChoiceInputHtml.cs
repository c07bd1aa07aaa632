using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// A searchable choice as a page writes it: <c>@(new ChoiceInput(...).In(ViewContext))</c>. The browser's own suggestions
/// (datalist) as the person types, nothing needing JavaScript; a long list is not sent with the page, and with
/// data-suggest-url on the datalist a script fills it as the person types. A field with an error in ModelState is
/// marked as the error tag helpers mark any other (<see cref="ErrorClassTagHelper"/>, <see cref="ErrorMessageTagHelper"/>).
/// Written here rather than by a partial view, whose lookup and activation were a twentieth of a tracker request for its two.
/// </summary>
public sealed partial record ChoiceInput
{
    public IHtmlContent In(ViewContext view) => new Html(this, ErrorLink.FirstError(view.ModelState, Name));

    private sealed class Html(ChoiceInput box, string? error) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var id = encoder.Encode(box.Id);
            writer.Write(error is null ? "<div class=\"govuk-form-group\">" : "<div class=\"govuk-form-group govuk-form-group--error\">");
            writer.Write("<label class=\"");
            encoder.Encode(writer, box.LabelClass);
            writer.Write($"\" for=\"{id}\">");
            encoder.Encode(writer, box.Label);
            writer.Write($"</label><div id=\"{id}-hint\" class=\"govuk-hint\">");
            encoder.Encode(writer, box.Hint);
            writer.Write("</div>");
            if (error is not null)
            {
                writer.Write($"<p class=\"govuk-error-message\" id=\"{id}-error\"><span class=\"govuk-visually-hidden\">Error:</span> ");
                encoder.Encode(writer, error);
                writer.Write("</p>");
            }
            writer.Write(error is null ? "<input class=\"govuk-input\"" : "<input class=\"govuk-input govuk-input--error\"");
            writer.Write($" id=\"{id}\" name=\"");
            encoder.Encode(writer, box.Name);
            writer.Write($"\" type=\"text\" list=\"{id}-choices\"");
            if (box.Shown is { } shown)
            {
                writer.Write(" value=\"");
                encoder.Encode(writer, shown);
                writer.Write('"');
            }
            writer.Write($" autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"{id}-hint{(error is null ? "" : $" {id}-error")}\" />");
            writer.Write($"<datalist id=\"{id}-choices\"");
            if (box.SuggestUrl is { } url)
            {
                writer.Write(" data-suggest-url=\"");
                encoder.Encode(writer, url);
                writer.Write('"');
            }
            writer.Write('>');
            ChoiceOptions.Of(box.Choices).WriteTo(writer, encoder);
            writer.Write("</datalist></div>");
        }
    }
}
