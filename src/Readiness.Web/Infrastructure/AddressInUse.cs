using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The address the app is told to listen on is taken: most often Readiness started earlier in another terminal, or
/// another program holding 5080. Kestrel says so with an exception the host passes up; the app says it in a sentence,
/// with what to do, and exits 1 like any other start-up refusal.
/// </summary>
public static partial class AddressInUse
{
    public static bool Is(Exception ex) => ex is IOException { InnerException: AddressInUseException };

    /// <summary>What to tell the person; the address is Kestrel's, from its message ("Failed to bind to address X: …").</summary>
    public static string Explain(Exception ex)
    {
        var address = BoundAddress().Match(ex.Message) is { Success: true } m ? m.Groups[1].Value : "The address to listen on";
        return $"{address} is in use: Readiness may be running already (open that address, or stop it with Ctrl+C where it runs), " +
            "or another program holds the port.\n" +
            // A port of its own also needs the address email links use (Approvals:PublicBaseUrl), or they lead to the other one.
            "To start on another port, give it and the address the links in emails use, e.g.:\n" +
            "  dotnet run --project src/Readiness.Web -- --urls http://localhost:5090 --Approvals:PublicBaseUrl http://localhost:5090/";
    }

    [GeneratedRegex(@"bind to address (\S+?):? address already in use", RegexOptions.CultureInvariant)]
    private static partial Regex BoundAddress();
}
