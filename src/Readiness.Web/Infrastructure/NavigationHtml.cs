using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Readiness.Web.Infrastructure;

// The page furniture every list page shows (badges, tabs, page numbers) writes its own markup: as Razor partials, each
// one cost a view lookup, a page activation and a buffer of its own, about a tenth of a tracker request for its six
// (a profile of 2026-12-06). Written to the page's writer with the page's encoder, so the markup is what the partials wrote.

/// <summary>MOJ badge for a count beside a link; the hidden words say what is counted ("3 waiting for you").</summary>
public sealed class Badge(int count, string words) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        writer.Write("<span class=\"moj-badge moj-badge--red app-badge\">");
        writer.Write(PageLinks.Number(count));
        writer.Write("<span class=\"govuk-visually-hidden\"> ");
        encoder.Encode(writer, words);
        writer.Write("</span></span>");
    }
}

/// <summary>MOJ sub navigation: each tab is its own page (a link), so it can be shared and works without JavaScript.</summary>
public sealed partial record SubNavigation : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        writer.Write("<nav class=\"moj-sub-navigation\" aria-label=\"");
        encoder.Encode(writer, Label);
        writer.Write("\"><ul class=\"moj-sub-navigation__list\">");
        foreach (var item in Items)
        {
            writer.Write("<li class=\"moj-sub-navigation__item\"><a class=\"moj-sub-navigation__link\" href=\"");
            encoder.Encode(writer, item.Href);
            writer.Write(item.Current ? "\" aria-current=\"page\">" : "\">");
            encoder.Encode(writer, item.Text);
            if (item.Count is > 0 and var count)
            {
                writer.Write(' ');
                new Badge(count, item.CountWords).WriteTo(writer, encoder);
            }
            writer.Write("</a></li>");
        }
        writer.Write("</ul></nav>");
    }
}

/// <summary>GOV.UK pagination: previous, the page numbers (a window around the current one), next; nothing for one page.</summary>
public sealed partial record PageLinks : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        if (Pages <= 1 && !More) return;
        writer.Write("<nav class=\"govuk-pagination\" aria-label=\"");
        encoder.Encode(writer, Label);
        writer.Write("\"><p class=\"govuk-body-s govuk-!-margin-bottom-0 app-page-of\">Page ");
        writer.Write(Number(Page));
        writer.Write(More ? " of more than " : " of ");
        writer.Write(Number(Pages));
        writer.Write("</p>");
        if (Page > 1)
        {
            writer.Write("<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" href=\"");
            encoder.Encode(writer, Url(Page - 1));
            writer.Write("\" rel=\"prev\"><span class=\"govuk-pagination__link-title\">Previous<span class=\"govuk-visually-hidden\"> page</span></span></a></div>");
        }
        writer.Write("<ul class=\"govuk-pagination__list\">");
        foreach (var p in Numbers())
        {
            if (p is not { } n)
            {
                writer.Write("<li class=\"govuk-pagination__item govuk-pagination__item--ellipses\">&ctdot;</li>");
                continue;
            }
            writer.Write(n == Page ? "<li class=\"govuk-pagination__item govuk-pagination__item--current\">" : "<li class=\"govuk-pagination__item\">");
            writer.Write("<a class=\"govuk-link govuk-pagination__link\" href=\"");
            encoder.Encode(writer, Url(n));
            writer.Write("\" aria-label=\"Page ");
            writer.Write(Number(n));
            writer.Write(n == Page ? "\" aria-current=\"page\">" : "\">");
            writer.Write(Number(n));
            writer.Write("</a></li>");
        }
        writer.Write("</ul>");
        if (Page < Pages || More)
        {
            writer.Write("<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" href=\"");
            encoder.Encode(writer, Url(Page + 1));
            writer.Write("\" rel=\"next\"><span class=\"govuk-pagination__link-title\">Next<span class=\"govuk-visually-hidden\"> page</span></span></a></div>");
        }
        writer.Write("</nav>");
    }
}
