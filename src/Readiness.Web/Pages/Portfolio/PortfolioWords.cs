using Readiness.Core.Approvals;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>How the portfolio views put statuses and flags into words (the same words on the page and in the exports).</summary>
public static class PortfolioWords
{
    public static string Status(GateStatus s) => s switch
    {
        GateStatus.NotDue => "Not due",
        GateStatus.DueThisWeek => "Due this week",
        GateStatus.Overdue => "Overdue",
        _ => "Complete",
    };

    /// <summary>A tag colour and a shape for each status, so the status never depends on colour.</summary>
    public static (string Colour, string Mark) StatusLook(GateStatus s) => s switch
    {
        GateStatus.NotDue => ("grey", "○"),
        GateStatus.DueThisWeek => ("blue", "◐"),
        GateStatus.Overdue => ("red", "!"),
        _ => ("green", "✔"),
    };

    public static string Dca(Dca? d) => d switch
    {
        null => "",
        Core.Approvals.Dca.AmberGreen => "Amber/Green",
        Core.Approvals.Dca.AmberRed => "Amber/Red",
        _ => d.Value.ToString(),
    };

    public static string Dependencies(TrackerRow r) => string.Join("; ", r.DependsOn.Select(d => d.Late
        ? $"depends on {d.Code}, which is late"
        : $"depends on {d.Code}"));

    public static GateStatus? ParseStatus(string? s) => Enum.TryParse<GateStatus>(s, ignoreCase: true, out var v) ? v : null;
}
