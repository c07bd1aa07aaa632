using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Readiness.Core.Dashboards;
using Readiness.Core.Identity;
using Readiness.Infrastructure.Email;

namespace Readiness.Web.Infrastructure;

/// <summary>One link of the service navigation; <see cref="Count"/> shows as a badge (e.g. decisions waiting).</summary>
public sealed record NavItem(string Text, string Href, bool Current, int? Count = null, string CountWords = "");

/// <summary>What the layout shows around every page: the navigation for the person's roles and who is signed in.</summary>
public sealed record LayoutView(string? UserName, IReadOnlyList<NavItem> Navigation)
{
    public const string Key = "Readiness.Layout";

    public static readonly LayoutView SignedOut = new(null, []);

    public static LayoutView Of(ViewDataDictionary viewData) => viewData[Key] as LayoutView ?? SignedOut;
}

/// <summary>
/// Fills the layout's read model for every page that renders (redirects and files skip it), so the layout itself
/// resolves no services (DESIGN §3): the roles decide the links, <see cref="LayoutQueries"/> the counts.
/// </summary>
public sealed class LayoutFilter(LayoutQueries queries, Actor actor, MailPageAvailability mailPage) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is not PageResult || context.HttpContext.User.Identity?.IsAuthenticated != true) return;
        var counts = await queries.ForAsync(actor, context.HttpContext.RequestAborted);
        var path = context.HttpContext.Request.Path;
        var viewData = executed.HandlerInstance switch
        {
            PageModel model => model.ViewData,
            Page page => page.PageContext.ViewData,
            _ => null,
        };
        if (viewData is not null) viewData[LayoutView.Key] = new LayoutView(DisplayNameClaims.NameOf(context.HttpContext.User), Navigation(counts, path));
    }

    private List<NavItem> Navigation(LayoutCounts counts, PathString path)
    {
        var items = new List<NavItem>();
        void Add(string text, string href, int? count = null, string countWords = "", string? section = null) =>
            items.Add(new NavItem(text, href, href == "/" ? path == "/" : path.StartsWithSegments(section ?? href, StringComparison.OrdinalIgnoreCase), count, countWords));
        Add("Home", "/");
        if (actor.IsIn(Roles.TeamLead)) Add("My work", "/Assessments");
        if (actor.IsIn(Roles.Bcm) || actor.IsIn(Roles.Sro)) Add("Decisions", "/Approvals", counts.DecisionsWaiting, "waiting for you");
        Add("Releases", "/Releases");
        Add("Risks", "/Risks");
        Add("Benefits", "/Benefits");
        if (actor.IsIn(Roles.Pmo) || actor.IsIn(Roles.Sro) || actor.IsIn(Roles.Bcm)) Add("Portfolio", "/Portfolio/Tracker", section: "/Portfolio");
        if (actor.IsIn(Roles.Pmo))
        {
            Add("Audit", "/Audit");
            Add("Incidents", "/Incidents", counts.OpenIncidents, "open");
            Add("Admin", "/Admin");
        }
        if (mailPage.IsAvailable) Add("Mail (demo)", "/Dev/Mail", section: "/Dev");
        return items;
    }
}
