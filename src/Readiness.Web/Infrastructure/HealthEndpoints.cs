using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Readiness.Core.Persistence;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// For a load balancer or orchestrator: <c>/health/live</c> answers while the process serves requests;
/// <c>/health/ready</c> also checks that the database answers with every migration applied and that Hangfire's
/// storage answers. Both are anonymous and say only Healthy or Unhealthy (details go to the log).
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddReadinessHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag])
            .AddCheck<JobStorageReadyCheck>("hangfire-storage", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapReadinessHealth(this WebApplication app)
    {
        app.MapHealthChecks(Live, new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(Ready, new() { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }

    private sealed class DatabaseReadyCheck(ReadinessDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!await db.Database.CanConnectAsync(cancellationToken)) return HealthCheckResult.Unhealthy("The database does not answer.");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Migrations not applied yet: {string.Join(", ", pending)}.");
        }
    }

    private sealed class JobStorageReadyCheck(JobStorage storage) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var connection = storage.GetConnection();
            _ = connection.GetRecurringJobs();
            return Task.FromResult(HealthCheckResult.Healthy());
        }
    }
}
