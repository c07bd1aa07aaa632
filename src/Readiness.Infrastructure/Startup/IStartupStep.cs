namespace Readiness.Infrastructure.Startup;

/// <summary>
/// Start-up work that needs the migrated database and must be done by one node at a time (e.g. Hangfire's schema, the
/// first Data Protection key). The initializer runs every registered step after the migrations and before the seed data,
/// inside the start-up lock, so the app's first request can be warmed beside the seeding. Steps are idempotent: they run
/// on every start.
/// </summary>
public interface IStartupStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
