namespace Readiness.Infrastructure.Startup;

/// <summary>
/// Start-up work that needs the migrated database and must be done by one node at a time (e.g. Hangfire's schema, the
/// first Data Protection key). The initializer runs the registered steps one after another once the database is
/// migrated, beside the seed data (on another thread, so a step must not rely on the seed data, nor the seed data on a
/// step), and waits for both inside the start-up lock; when they have run, the app's first request can be warmed. Steps
/// are idempotent: they run on every start.
/// </summary>
public interface IStartupStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
