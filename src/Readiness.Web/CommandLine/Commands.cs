using Microsoft.Extensions.Options;
using Readiness.Infrastructure.Persistence;

namespace Readiness.Web.CommandLine;

/// <summary>
/// Command-line commands, run instead of the web host when the first argument names one
/// (<c>dotnet run --project src/Readiness.Web -- backup App_Data/backup.db</c>). Each reads the same settings as the
/// app (appsettings.json, environment variables, <c>--Key=value</c> options after its own arguments) and returns the
/// process exit code: 0 done, 1 refused or failed (the message says why), 2 wrong usage.
/// </summary>
public static class Commands
{
    private sealed record Command(string Usage, int Arguments, Func<CommandContext, string[], Task<int>> Run);

    private static readonly Dictionary<string, Command> All = new(StringComparer.Ordinal)
    {
        ["backup"] = new("backup <file>   consistent online copy of the SQLite database (the app may keep running)", 1, DatabaseCommands.BackupAsync),
        ["copy-to-postgres"] = new("copy-to-postgres \"<PostgreSQL connection string>\"   copy the SQLite database into an empty PostgreSQL database", 1, DatabaseCommands.CopyToPostgresAsync),
    };

    /// <summary>The exit code when <paramref name="args"/> names a command, or null to run the web app.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || !All.TryGetValue(args[0], out var command)) return null;
        var positional = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (positional.Length != command.Arguments)
        {
            await Console.Error.WriteLineAsync($"Usage: dotnet run --project src/Readiness.Web -- {command.Usage}");
            return 2;
        }
        try
        {
            return await command.Run(CommandContext.Create(args.Skip(1 + positional.Length).ToArray()), positional);
        }
        catch (Exception ex) when (ex is BackupException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"{args[0]}: {ex.Message}");
            return 1;
        }
    }
}

/// <summary>The app's configuration and content root, without starting the web host.</summary>
public sealed record CommandContext(IConfiguration Configuration, string ContentRoot, TextWriter Out)
{
    public static CommandContext Create(string[] options)
    {
        var builder = WebApplication.CreateBuilder(options);
        return new CommandContext(builder.Configuration, builder.Environment.ContentRootPath, Console.Out);
    }

    /// <summary>Database settings, validated as at start-up.</summary>
    public DatabaseOptions Database()
    {
        var database = new DatabaseOptions();
        Configuration.GetSection(DatabaseOptions.Section).Bind(database);
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(database, new(database), errors, validateAllProperties: true))
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions), errors.Select(e => e.ErrorMessage ?? ""));
        return database;
    }
}
