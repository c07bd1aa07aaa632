using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>The new settings are validated at start: the real app process refuses a bad value with a message naming its key.</summary>
public sealed class RiskAndForecastOptionsTests
{
    [Theory]
    [InlineData("Risks:AcknowledgeFromScore", "30", "Risks:AcknowledgeFromScore must be between 1 and 25")]
    [InlineData("Forecast:WindowWorkingDays", "0", "Forecast:WindowWorkingDays must be between 1 and 60")]
    public async Task A_bad_value_stops_start_up_naming_the_key(string key, string value, string message)
    {
        var outcome = await AppProcess.RunUntilExitAsync(new Dictionary<string, string> { [key] = value });

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains(message, outcome.Error + outcome.Output, StringComparison.Ordinal);
    }
}
