using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Persistence;

namespace Readiness.Web.CommandLine;

/// <summary>Backing up the SQLite database and moving it to PostgreSQL (docs/deployment.md).</summary>
internal static class DatabaseCommands
{
    public static Task<int> BackupAsync(CommandContext context, string[] args)
    {
        var database = context.Database();
        if (database.IsPostgres)
            throw new BackupException("On PostgreSQL back up with pg_dump (e.g. pg_dump -Fc -d readiness -f readiness.dump) and restore with pg_restore: see docs/deployment.md.");
        var result = SqliteBackup.Run(DatabaseProvider.SqliteConnectionString(database.ConnectionString, context.ContentRoot), args[0]);
        if (result.IntegrityCheck != "ok")
            throw new BackupException($"The copy at {result.Target} failed SQLite's integrity check ({result.IntegrityCheck}); do not rely on it.");
        context.Out.WriteLine($"Backed up {result.Source} to {result.Target} ({result.Bytes:N0} bytes, integrity ok).");
        return Task.FromResult(0);
    }

    public static async Task<int> CopyToPostgresAsync(CommandContext context, string[] args)
    {
        var source = context.Database();
        var target = new DatabaseOptions { Provider = DatabaseOptions.Postgres, ConnectionString = args[0] };
        var problems = target.Validate(new(target)).Select(v => v.ErrorMessage).ToList();
        if (problems.Count > 0) throw new BackupException(string.Join(" ", problems).Replace("Database:ConnectionString", "The connection string", StringComparison.Ordinal));
        await using var from = DatabaseProvider.NewContext(source, context.ContentRoot);
        await using var to = DatabaseProvider.NewContext(target, context.ContentRoot);
        context.Out.WriteLine($"Copying {new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(from.Database.GetConnectionString()).DataSource} into PostgreSQL database '{to.Database.GetDbConnection().Database}':");
        var services = context.App.Services;
        var verify = (ReadinessDbContext db, CancellationToken ct) => new AuditVerification(db, services.GetRequiredService<AuditChainKey>(),
            services.GetRequiredService<IAuditCheckpoints>(), services.GetRequiredService<ReadinessClock>()).CheckAsync(ct);
        var tables = await new DatabaseCopy(from, to, verify, context.Out).RunAsync(CancellationToken.None);
        context.Out.WriteLine($"Done: {tables.Count} tables, {tables.Sum(t => t.Rows):N0} rows, ids kept, sequences reset, audit chain verified. " +
            "Now start the app with Database:Provider=Postgres and this connection string.");
        return 0;
    }
}
