using System.Net;
using System.Net.Sockets;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The app told to listen on a port something else holds: a second `dotnet run` while the first still runs, or another
/// program on 5080. The defect: Kestrel's bind failure escaped as "Unhandled exception. System.IO.IOException" with
/// forty lines of stack trace, and the process aborted (exit code 134).
/// </summary>
public sealed class AddressInUseTests
{
    [Fact]
    public async Task A_port_already_in_use_stops_the_app_with_what_to_do_not_a_stack_trace()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var outcome = await AppProcess.RunUntilExitAsync(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address });

        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain("Unhandled exception", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        Assert.Contains($"{address} is in use", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("--urls http://localhost:5090 --Approvals:PublicBaseUrl http://localhost:5090/", outcome.Error, StringComparison.Ordinal);
    }
}
