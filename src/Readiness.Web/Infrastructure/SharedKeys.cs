using Microsoft.AspNetCore.DataProtection;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Startup;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Data Protection keys in the app database (DESIGN §4), so the sign-in cookie, antiforgery tokens and anything else
/// protected by one node is read by every other node and after a restart. The application name is fixed: by default
/// it is the content root path, which differs between nodes and would keep their keys apart.
/// </summary>
public static class SharedKeys
{
    public const string ApplicationName = "Readiness";

    public static IServiceCollection AddReadinessSharedKeys(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<ReadinessDbContext>();
        services.AddSingleton<IStartupStep, FirstKeyStep>();
        return services;
    }

    /// <summary>
    /// Makes the first key during start-up, inside the start-up lock, so nodes started together on an empty key ring
    /// agree on one key instead of each making their own before it reads the others'.
    /// </summary>
    private sealed class FirstKeyStep(IDataProtectionProvider provider) : IStartupStep
    {
        public Task RunAsync(CancellationToken cancellationToken)
        {
            provider.CreateProtector("Readiness.Startup").Protect([1]);
            return Task.CompletedTask;
        }
    }
}
