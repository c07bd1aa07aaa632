using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>Every programme's and business area's calendar feed, with this person's own key: a page of its own, not on every tracker page.</summary>
[Authorize(Roles = $"{Roles.Pmo},{Roles.Sro},{Roles.Bcm}")]
public class FeedsModel(GateTracker tracker, CalendarFeeds feeds) : PageModel
{
    public IReadOnlyList<PortfolioChoice> Programmes { get; private set; } = [];
    public IReadOnlyList<PortfolioChoice> Areas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => (Programmes, Areas) = await tracker.ChoicesAsync(ct);

    public string FeedUrl(string by, string code) => feeds.Url(User, by, code);
}
