using System.ComponentModel.DataAnnotations;

namespace Readiness.Infrastructure.Indicators;

/// <summary>Configuration section "Indicators" (lead indicators). The check's schedule is Scheduling:IndicatorCron.</summary>
public sealed class IndicatorOptions
{
    public const string Section = "Indicators";

    /// <summary>Default trend rule: this many Amber readings in a row count as Red (for indicators that do not set their own).</summary>
    [Range(1, 50, ErrorMessage = "Indicators:ConsecutiveAmberForRed must be between 1 and 50.")]
    public int ConsecutiveAmberForRed { get; set; } = 3;

    /// <summary>Hypercare exit: every indicator's last K readings must be Green (and no alert active).</summary>
    [Range(1, 50, ErrorMessage = "Indicators:GreenReadingsForExit must be between 1 and 50.")]
    public int GreenReadingsForExit { get; set; } = 3;

    /// <summary>How long the check waits for an HTTP indicator source before recording an incident.</summary>
    [Range(1, 300, ErrorMessage = "Indicators:HttpTimeoutSeconds must be between 1 and 300.")]
    public int HttpTimeoutSeconds { get; set; } = 10;

    /// <summary>The most data rows one CSV upload (or one HTTP payload) may hold.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Indicators:MaxCsvRows must be between 1 and 1000000.")]
    public int MaxCsvRows { get; set; } = 20_000;

    /// <summary>Days allowed beyond an indicator's CheckEveryDays before its reading is "late" (shown, blocks the hypercare exit, BCMs told once).</summary>
    [Range(0, 30, ErrorMessage = "Indicators:ReadingGraceDays must be between 0 and 30.")]
    public int ReadingGraceDays { get; set; } = 1;
}
