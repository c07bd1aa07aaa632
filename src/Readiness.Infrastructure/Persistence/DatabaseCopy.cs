using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Readiness.Core.Audit;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Persistence;

/// <summary>
/// Moving up: copies every table of a SQLite database into an empty PostgreSQL database, ids kept, in one
/// transaction on the target. It refuses a target that holds any rows and a source that is not on the current
/// schema, applies PostgreSQL's migrations, copies the tables in foreign-key order, moves each identity sequence past
/// the highest id, then checks row counts and the audit chain on the target before it commits — so the target ends
/// up either a faithful copy or untouched (apart from an empty schema).
/// </summary>
/// <param name="verify">Checks a database's audit chain (the app's <see cref="AuditVerification"/> over that context: same key, same checkpoints).</param>
public sealed class DatabaseCopy(ReadinessDbContext source, ReadinessDbContext target, Func<ReadinessDbContext, CancellationToken, Task<ChainCheck>> verify, TextWriter log)
{
    private const int Chunk = 1000;

    public sealed record TableCount(string Table, int Rows);

    public async Task<IReadOnlyList<TableCount>> RunAsync(CancellationToken ct)
    {
        if (!source.Database.IsSqlite()) throw new BackupException("The copy reads a SQLite database: run it with Database:Provider 'Sqlite' (the default) and Database:ConnectionString naming the SQLite file.");
        if (!target.Database.IsNpgsql()) throw new BackupException("The copy writes to PostgreSQL: give a PostgreSQL connection string, e.g. 'Host=db.example;Database=readiness;Username=readiness;Password=…'.");
        var pending = (await source.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
            throw new BackupException($"The SQLite database is not on the current schema (migrations not applied: {string.Join(", ", pending)}). Start the app on it once so it migrates, stop it, then copy.");
        await RefuseNonEmptyAsync(ct);
        await CheckSourceAuditAsync(ct);

        await target.Database.MigrateAsync(ct);
        // The read models are tables like any other and are copied as they are (and counted); recomputing them on
        // each chunk of returns would only redo that work and collide with the copied rows.
        using var readModelsCopiedAsTheyAre = target.PauseReadModels();
        var order = TablesInForeignKeyOrder(target.Model);
        await using var transaction = await target.Database.BeginTransactionAsync(ct);
        var counts = new List<TableCount>();
        foreach (var type in order)
        {
            var rows = await (Task<int>)CopyMethod.MakeGenericMethod(type.ClrType).Invoke(this, [type, ct])!;
            counts.Add(new TableCount(type.GetTableName()!, rows));
            log.WriteLine($"  {type.GetTableName(),-28} {rows,8} rows");
        }
        await ResetSequencesAsync(order, ct);
        await VerifyAsync(counts, ct);
        await transaction.CommitAsync(ct);
        return counts;
    }

    private static readonly MethodInfo CopyMethod = typeof(DatabaseCopy).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private async Task<int> CopyTableAsync<T>(IEntityType type, CancellationToken ct) where T : class
    {
        // A table that refers to itself (nested business areas) goes in one save, so EF orders parents before children.
        var chunk = type.GetForeignKeys().Any(fk => fk.PrincipalEntityType == type) ? int.MaxValue : Chunk;
        var rows = 0;
        var pending = 0;
        await foreach (var row in OrderedByKey(source.Set<T>().AsNoTracking(), type).AsAsyncEnumerable().WithCancellation(ct))
        {
            target.Set<T>().Add(row);
            rows++;
            if (++pending < chunk) continue;
            await SaveChunkAsync(ct);
            pending = 0;
        }
        await SaveChunkAsync(ct);
        return rows;
    }

    private async Task SaveChunkAsync(CancellationToken ct)
    {
        await target.SaveChangesAsync(ct);
        target.ChangeTracker.Clear();
    }

    private static IQueryable<T> OrderedByKey<T>(IQueryable<T> query, IEntityType type) where T : class
    {
        var keys = type.FindPrimaryKey()!.Properties;
        var ordered = query.OrderBy(e => EF.Property<object>(e, keys[0].Name));
        foreach (var key in keys.Skip(1)) ordered = ordered.ThenBy(e => EF.Property<object>(e, key.Name));
        return ordered;
    }

    /// <summary>Principals before dependants; a shadow property would not survive a no-tracking read, so it is refused loudly.</summary>
    internal static List<IEntityType> TablesInForeignKeyOrder(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).ToList();
        foreach (var t in types)
            if (t.GetProperties().FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
                throw new NotSupportedException($"{t.DisplayName()}.{shadow.Name} is a shadow property; DatabaseCopy reads entities without tracking and would drop it.");
        var ordered = new List<IEntityType>();
        while (ordered.Count < types.Count)
        {
            var ready = types.Where(t => !ordered.Contains(t) && t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || ordered.Contains(fk.PrincipalEntityType))).ToList();
            if (ready.Count == 0)
                throw new InvalidOperationException($"Foreign keys form a cycle between {string.Join(", ", types.Except(ordered).Select(t => t.GetTableName()))}.");
            ordered.AddRange(ready.OrderBy(t => t.GetTableName(), StringComparer.Ordinal));
        }
        return ordered;
    }

    private async Task RefuseNonEmptyAsync(CancellationToken ct)
    {
        if (!await target.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct)) return; // migrations will create it
        var connection = (NpgsqlConnection)target.Database.GetDbConnection();
        await target.Database.OpenConnectionAsync(ct);
        try
        {
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory'", connection))
            await using (var reader = await list.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
            var filled = new List<string>();
            foreach (var table in tables)
            {
                await using var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\")", connection);
                if ((bool)(await any.ExecuteScalarAsync(ct))!) filled.Add(table);
            }
            if (filled.Count > 0)
                throw new BackupException($"The PostgreSQL database is not empty ({string.Join(", ", filled)} hold rows); nothing was copied. Copy into a new, empty database " +
                    "(e.g. createdb readiness), and do not start the app on it before the copy.");
        }
        finally
        {
            await target.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// PostgreSQL keeps times to the microsecond. The app writes whole microseconds, but a database written before it
    /// did may hold finer audit times, whose hashes could not be checked after the copy: refuse rather than break the chain.
    /// </summary>
    private async Task CheckSourceAuditAsync(CancellationToken ct)
    {
        if (await verify(source, ct) is { Intact: false } broken)
            throw new BackupException($"The SQLite database's audit chain does not verify ({broken.Problem}); nothing was copied. Investigate first (Audit page, or audit verify).");
        var fine = await source.AuditEntries.AsNoTracking().Select(e => new { e.ChainIndex, e.AtUtc }).AsAsyncEnumerable()
            .FirstOrDefaultAsync(e => e.AtUtc.Ticks % TimeSpan.TicksPerMicrosecond != 0, ct);
        if (fine is not null)
            throw new BackupException($"Audit entry {fine.ChainIndex} has a time finer than a microsecond ({fine.AtUtc:O}), which PostgreSQL cannot store, so its hash could not be checked after a copy; nothing was copied.");
    }

    private async Task ResetSequencesAsync(IEnumerable<IEntityType> types, CancellationToken ct)
    {
        foreach (var type in types)
        {
            var key = type.FindPrimaryKey()!.Properties;
            if (key.Count != 1 || key[0].ValueGenerated != ValueGenerated.OnAdd || key[0].ClrType is not { } clr || (clr != typeof(int) && clr != typeof(long))) continue;
            var table = type.GetTableName()!;
            var column = key[0].GetColumnName();
            // setval(seq, max, true) makes the next id max + 1; an empty table starts again at 1. The names come from the
            // model, never from input.
            var sql = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 1), (SELECT COUNT(*) > 0 FROM \"{table}\"))";
            await target.Database.ExecuteSqlRawAsync(sql, ct);
        }
    }

    private async Task VerifyAsync(IReadOnlyList<TableCount> copied, CancellationToken ct)
    {
        var audit = await target.AuditEntries.LongCountAsync(ct);
        var expected = copied.Single(c => c.Table == target.Model.FindEntityType(typeof(AuditEntry))!.GetTableName()).Rows;
        if (audit != expected) throw new InvalidOperationException($"Copied {expected} audit entries but the target holds {audit}; rolled back.");
        if (await verify(target, ct) is { Intact: false } broken)
            throw new BackupException($"After the copy the audit chain does not verify ({broken.Problem}); rolled back, nothing was kept.");
    }
}
