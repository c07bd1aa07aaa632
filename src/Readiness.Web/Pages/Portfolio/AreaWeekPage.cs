using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>What the areas × weeks views (heatmap, training) share: the first week and the levels shown, and links that keep them.</summary>
public abstract class AreaWeekPage(string path) : PageModel
{
    /// <summary>Any day of the first week shown; this week when empty.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Deepest level of the hierarchy shown (0 = top level only); all levels when empty.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Level { get; set; }

    public int MaxDepth { get; protected set; }

    protected bool Shown(int depth) => Level is not { } l || depth <= l;

    public string Link(DateOnly from) => $"{path}?from={from:yyyy-MM-dd}" + (Level is { } l ? $"&level={l}" : "");
}
