using System.Diagnostics;
using System.Globalization;
using System.Net;
using Readiness.Infrastructure.Tests.Email;

namespace Readiness.ScaleOut.Tests.Infrastructure;

/// <summary>
/// One real app process, as an operator starts a node: <c>dotnet Readiness.Web.dll</c> on Kestrel at
/// http://127.0.0.1:{free port}, configured through environment variables, with its own Hangfire server. Its output
/// goes to a log file in <paramref name="folder"/> (named in every failure message). Killing it is SIGKILL: no
/// shutdown, no cleanup, as when a machine dies.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Task _pump;

    private AppNode(string name, Process process, StreamWriter log, Uri baseUrl, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        LogPath = logPath;
        _pump = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    public string Name { get; }
    public Uri BaseUrl { get; }
    public string LogPath { get; }
    public bool HasExited => _process.HasExited;

    public static AppNode Start(string name, string folder, IReadOnlyDictionary<string, string> settings)
    {
        var port = SmtpTestServer.FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var work = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "Readiness.Web.dll")])
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // A home of its own, as on a machine of its own: nothing (a key ring folder, say) is shared through the file system.
        start.Environment["HOME"] = work;
        start.Environment["ASPNETCORE_URLS"] = baseUrl.ToString().TrimEnd('/');
        // Plain HTTP on loopback, with no TLS-terminating proxy in front: cookies cannot be HTTPS-only here.
        start.Environment["Security__SecureCookies"] = "false";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var logPath = Path.Combine(work, "node.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start node {name}.");
        return new AppNode(name, process, log, baseUrl, logPath);
    }

    /// <summary>Waits until /health/ready answers 200: migrated, seeded, Hangfire storage reachable.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Node {Name} exited with {_process.ExitCode} before it was ready; see {LogPath}");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Node {Name} was not ready after {timeout.TotalSeconds:0} s; see {LogPath}");
    }

    /// <summary>A client whose requests go to this node, sharing <paramref name="cookies"/> with other nodes' clients (cookies ignore the port).</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>SIGKILL: the process ends at once, mid-request and mid-job.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        await _pump.WaitAsync(TimeSpan.FromSeconds(10));
        await _log.DisposeAsync();
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
            lock (_log) _log.WriteLine(line);
    }
}
