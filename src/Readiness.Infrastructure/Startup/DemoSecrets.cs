using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Readiness.Infrastructure.Startup;

/// <summary>
/// The secrets that ship with the demo (src/Readiness.Web/appsettings.Development.json). They are public, so outside
/// Development the app refuses to start with any of them: with the demo calendar key anyone could forge a person's feed
/// token, with the demo chain key re-chain the audit log.
/// </summary>
public static class DemoSecrets
{
    public static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Portfolio:CalendarKey"] = "demo-calendar-key-change-me-in-production-0123456789",
        ["Audit:ChainKey"] = "demo-audit-chain-key-for-development-only-0123456789",
    };

    public static IReadOnlyList<string> Problems(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment()
            ? []
            : Known.Where(k => configuration[k.Key] == k.Value)
                .Select(k => $"{k.Key} is the demo secret published with Readiness; outside Development set your own (32+ random characters, e.g. from a secret store: {k.Key.Replace(":", "__", StringComparison.Ordinal)}).")
                .ToList();
}
