using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>
/// The programmes' and business areas' calendar feeds, with this person's own key: a page of its own, not on every
/// tracker page, and searchable and paged, so it stays a page at any number of programmes.
/// </summary>
[Authorize(Roles = $"{Roles.Pmo},{Roles.Sro},{Roles.Bcm}")]
public class FeedsModel(FeedDirectory directory, CalendarFeeds feeds) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public FeedDirectoryPage View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await directory.PageAsync(Search, PageNumber, ct);

    public string FeedUrl(string by, string code) => feeds.Url(User, by, code);
}
