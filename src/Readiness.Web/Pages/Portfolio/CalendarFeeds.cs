using System.Security.Claims;
using Microsoft.AspNetCore.WebUtilities;
using Readiness.Core.Approvals;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>
/// A person's subscribable feed URL for one programme or area: the calendar client cannot sign in, so the URL carries
/// their token (<see cref="CalendarTokens"/>), and it is built from the configured public address.
/// </summary>
public sealed class CalendarFeeds(CalendarTokens tokens, ApprovalSettings links)
{
    public string Url(ClaimsPrincipal user, string by, string code)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        return QueryHelpers.AddQueryString(links.Link("/Portfolio/Calendar.ics"), new Dictionary<string, string?> { [by] = code, ["u"] = userId, ["token"] = tokens.For(userId) });
    }
}
