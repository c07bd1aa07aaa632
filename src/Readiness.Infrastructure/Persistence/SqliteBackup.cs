using Microsoft.Data.Sqlite;

namespace Readiness.Infrastructure.Persistence;

/// <summary>
/// A consistent copy of a live SQLite database through SQLite's online backup API: the pages are copied inside one
/// read transaction, so writers that commit meanwhile (WAL mode lets them) are either wholly in the copy or not at
/// all, and nothing is read from the -wal file by hand.
/// </summary>
public static class SqliteBackup
{
    public sealed record Result(string Source, string Target, long Bytes, string IntegrityCheck);

    public static Result Run(string sourceConnectionString, string targetFile)
    {
        var target = Path.GetFullPath(targetFile);
        if (File.Exists(target)) throw new BackupException($"{target} already exists; name a new file (a backup never overwrites one).");
        var folder = Path.GetDirectoryName(target);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);

        // Read-write (the backup only reads it): a read-only connection cannot always open a WAL database.
        var source = new SqliteConnectionStringBuilder(sourceConnectionString) { Pooling = false };
        if (!File.Exists(source.DataSource)) throw new BackupException($"There is no database at {source.DataSource} to back up (Database:ConnectionString).");
        using (var from = new SqliteConnection(source.ToString()))
        using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            from.Open();
            to.Open();
            from.BackupDatabase(to);
        }

        // Read the copy back: a backup nobody has opened is a hope, not a backup.
        using var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var integrity = (string?)command.ExecuteScalar() ?? "no answer";
        return new Result(source.DataSource, target, new FileInfo(target).Length, integrity);
    }
}

/// <summary>A backup or copy refused for a reason the person can fix; the message says what to do.</summary>
public sealed class BackupException(string message) : Exception(message);
