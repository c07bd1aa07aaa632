using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Persistence;

namespace Readiness.Web.CommandLine;

/// <summary>
/// <c>audit verify</c>: checks the audit log against its keyed hash chain and the checkpoints kept outside the database,
/// without the UI, so an auditor can run it. Reads only (no migration, no seeding). Exit code 0 when intact, 1 when not.
/// </summary>
public static class AuditVerifyCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            await output.WriteLineAsync("The database is not up to date (migrations pending): start the app once, then verify.");
            return 1;
        }
        var check = await scope.ServiceProvider.GetRequiredService<AuditVerification>().CheckAsync(CancellationToken.None);
        var entries = check.Entries.ToString("N0", CultureInfo.InvariantCulture);
        var checkpoints = check.Checkpoints.ToString("N0", CultureInfo.InvariantCulture);
        if (check.Intact)
        {
            await output.WriteLineAsync($"Audit chain intact: {entries} entries, checked against {checkpoints} checkpoint(s).");
            return 0;
        }
        await output.WriteLineAsync($"Audit chain NOT intact ({entries} entries, {checkpoints} checkpoint(s)): {check.Problem}");
        return 1;
    }
}
