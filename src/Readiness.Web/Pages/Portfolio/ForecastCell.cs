using Microsoft.AspNetCore.Html;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>
/// One gate's forecast in a table cell: the expected approved returns by the due date, and "Forecast short" in words
/// once flagged. An HTML value rather than a partial: the tracker shows one in most of its 25 rows, and a partial per
/// row costs a view lookup, a copy of the view data and buffers of its own. The release page's gates write it too.
/// </summary>
public static class ForecastCell
{
    public static IHtmlContent Of(GateForecast? f)
    {
        if (f is null) return HtmlString.Empty;
        var html = new HtmlContentBuilder(8)
            .AppendHtml("<br /><span class=\"govuk-body-s app-nowrap\" data-testid=\"forecast\">")
            .Append($"forecast {f.Expected} of {f.Total} by {Display.Date(f.DueOn)}")
            .AppendHtml("</span>");
        if (f.Outcome == ForecastOutcome.NoData)
            html.AppendHtml("<br /><span class=\"govuk-body-s app-secondary\">").Append($"nothing moved in {f.WindowWorkingDays} working days").AppendHtml("</span>");
        if (f.Flagged)
            html.AppendHtml("<br />").AppendHtml(Tags.Tag("orange", $"Forecast short by {f.ShortBy}", "⚠", "app-nowrap", "forecast-short"));
        return html;
    }
}
