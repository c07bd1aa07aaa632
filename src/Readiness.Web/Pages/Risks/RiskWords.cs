using Readiness.Core.Risks;

namespace Readiness.Web.Pages.Risks;

/// <summary>How the register's pages and exports show bands and statuses: always in words, colour and shape only repeating them.</summary>
public static class RiskWords
{
    /// <summary>The matrix cell's CSS class for a band (site.css: app-risk-*).</summary>
    public static string BandClass(RiskBand band) => band switch
    {
        RiskBand.Low => "app-risk-low",
        RiskBand.Medium => "app-risk-medium",
        RiskBand.High => "app-risk-high",
        _ => "app-risk-very-high",
    };

    /// <summary>A tag colour and a mark for a band: "■ Very high 20".</summary>
    public static (string Colour, string Mark) BandLook(RiskBand band) => band switch
    {
        RiskBand.Low => ("green", "●"),
        RiskBand.Medium => ("yellow", "▲"),
        RiskBand.High => ("orange", "◆"),
        _ => ("red", "■"),
    };

    public static string StatusColour(RiskStatus s) => s switch
    {
        RiskStatus.Open => "blue",
        RiskStatus.Mitigated => "turquoise",
        RiskStatus.Realised => "purple",
        _ => "grey",
    };

    public static string Score(int likelihood, int impact, int score) => $"{likelihood} × {impact} = {score}";
}
