using System.Security.Claims;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>The tabs across the portfolio's views; stuck approvals is the PMO's alone.</summary>
public static class PortfolioNav
{
    public static SubNavigation For(string current, ClaimsPrincipal user)
    {
        var items = new List<SubNavItem>
        {
            new("Gate tracker", "/Portfolio/Tracker", current == "Tracker"),
            new("Change heatmap", "/Portfolio/Heatmap", current == "Heatmap"),
            new("Training capacity", "/Portfolio/Training", current == "Training"),
            new("Timeline", "/Portfolio/Timeline", current == "Timeline"),
        };
        if (user.IsInRole(Roles.Pmo)) items.Add(new("Stuck approvals", "/Portfolio/Approvals", current == "Approvals"));
        return new SubNavigation("Portfolio views", items);
    }
}
