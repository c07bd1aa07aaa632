using Microsoft.Extensions.Options;
using Readiness.Infrastructure.Persistence;

namespace Readiness.Web.CommandLine;

/// <summary>
/// Commands run instead of the web server (<c>dotnet run --project src/Readiness.Web -- audit verify</c>): the first
/// words name the command, its own arguments follow, and <c>--Key=value</c> options after them reach the app's
/// configuration as usual (its own arguments never do: a path such as /backups/x.db would read as a setting). Each
/// uses the app's configuration and services — built, never started — prints what it found and returns the process
/// exit code: 0 done, 1 refused or not intact (the message says why), 2 wrong usage.
/// </summary>
public static class Commands
{
    /// <param name="Arguments">What the command's own arguments are, one entry each, for its usage line.</param>
    private sealed record Command(string Words, string[] Arguments, Func<CommandContext, string[], Task<int>> Run)
    {
        public string Usage => $"Usage: dotnet run --project src/Readiness.Web -- {Words} {string.Join(' ', Arguments)}".TrimEnd();
    }

    private static readonly Command[] All =
    [
        new("audit verify", [], (c, _) => AuditVerifyCommand.RunAsync(c.App.Services, c.Out)),
        new("backup", ["<file>"], DatabaseCommands.BackupAsync),
        new("copy-to-postgres", ["\"<PostgreSQL connection string>\""], DatabaseCommands.CopyToPostgresAsync),
    ];

    /// <summary>The exit code when <paramref name="args"/> names a command, or null to run the web app.</summary>
    public static async Task<int?> TryRunAsync(string[] args, Func<string[], WebApplication> build)
    {
        var family = All.Where(c => args.Length > 0 && string.Equals(c.Words.Split(' ')[0], args[0], StringComparison.OrdinalIgnoreCase)).ToList();
        if (family.Count == 0) return null;
        var command = family.FirstOrDefault(c => c.Words.Split(' ').SequenceEqual(args.Take(c.Words.Split(' ').Length), StringComparer.OrdinalIgnoreCase));
        var rest = command is null ? [] : args.Skip(command.Words.Split(' ').Length).ToArray();
        var positional = rest.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (command is null || positional.Length != command.Arguments.Length)
        {
            foreach (var usage in (command is null ? family : [command]).Select(c => c.Usage)) await Console.Error.WriteLineAsync(usage);
            return 2;
        }
        try
        {
            await using var app = build(rest.Skip(positional.Length).ToArray());
            return await command.Run(new CommandContext(app, Console.Out), positional);
        }
        catch (BackupException ex)
        {
            await Console.Error.WriteLineAsync($"{command.Words}: {ex.Message}");
            return 1;
        }
    }
}

/// <summary>The app, built but not started, for a command.</summary>
public sealed record CommandContext(WebApplication App, TextWriter Out)
{
    public string ContentRoot => App.Environment.ContentRootPath;

    /// <summary>Database settings, validated as at start-up (a bad value names its key).</summary>
    public DatabaseOptions Database() => App.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
}
