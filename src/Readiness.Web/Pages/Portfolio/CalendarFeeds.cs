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
    private string? _feed;

    public string Url(ClaimsPrincipal user, string by, string code)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        // A page lists one person's feeds: the address and their token are worked out once, not once per link.
        if (_last?.UserId != userId) _last = (userId, tokens.For(userId));
        _feed ??= links.Link("/Portfolio/Calendar.ics");
        return QueryHelpers.AddQueryString(_feed, (KeyValuePair<string, string?>[])[new(by, code), new("u", userId), new("token", _last.Value.Token)]);
    }
}
