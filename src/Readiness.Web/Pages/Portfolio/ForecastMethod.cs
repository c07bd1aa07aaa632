using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>
/// How a gate's forecast is made, in words, under the tracker and a release's forecast chart. Written as one piece
/// rather than a partial view: a partial's lookup and activation cost more than its text on every tracker page.
/// </summary>
public sealed record ForecastMethod(int WindowWorkingDays, int FlagFromDays) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write($"""
        <details class="govuk-details" data-testid="forecast-method">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">How the forecast is made</span></summary>
            <div class="govuk-details__text">
                <p class="govuk-body">The forecast is the number of returns expected to be approved by a gate's due date. It takes the
                    returns submitted and approved in the last {PageLinks.Number(WindowWorkingDays)} working days (weekends and bank holidays are not
                    working days) as rates per working day, and carries them on over the working days left to the due date.
                    Approvals never outrun submissions, and the result is rounded down to whole returns.</p>
                <p class="govuk-body">A gate forecast short of all its returns is flagged from {PageLinks.Number(FlagFromDays)} days before it is due,
                    and listed in the PMO's daily email. Nothing submitted or approved in the period means no rate: the forecast is then
                    the number approved today.</p>
            </div>
        </details>
        """);
}
