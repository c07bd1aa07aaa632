namespace Readiness.Web.CommandLine;

/// <summary>
/// Commands run instead of the web server (<c>dotnet run --project src/Readiness.Web -- audit verify</c>): they use the
/// app's own configuration and services, print what they found and return the process exit code.
/// </summary>
public static class Commands
{
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args)
    {
        var words = args.Where(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)).Select(a => a.ToLowerInvariant()).ToArray();
        return words switch
        {
            ["audit", "verify"] => await AuditVerifyCommand.RunAsync(app.Services, Console.Out),
            ["audit", ..] => Usage("audit verify"),
            _ => null,
        };
    }

    private static int Usage(string command)
    {
        Console.Error.WriteLine($"Usage: dotnet run --project src/Readiness.Web -- {command}");
        return 2;
    }
}
