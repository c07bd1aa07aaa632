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
    private (string UserId, string Token)? _last;

    public string Url(ClaimsPrincipal user, string by, string code)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        // A page lists one person's feeds: their token is worked out once, not once per link.
        if (_last?.UserId != userId) _last = (userId, tokens.For(userId));
        return QueryHelpers.AddQueryString(links.Link("/Portfolio/Calendar.ics"), new Dictionary<string, string?> { [by] = code, ["u"] = userId, ["token"] = _last.Value.Token });
    }
}
