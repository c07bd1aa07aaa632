using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Email;
using Readiness.Infrastructure.Tests.Email;

namespace Readiness.Benchmarks;

/// <summary>
/// 1,000 emails through the outbox (the real dispatcher of the real app: batch claims, one SMTP connection, outcomes
/// recorded per batch on the database file) against a bare MailKit loop sending the same 1,000 messages over one
/// connection, both to the same in-process SMTP server (the tests' <see cref="SmtpTestServer"/>). The loop is the
/// baseline: the outbox's throughput is the loop's time ÷ the outbox's. Each iteration sends all 1,000 once.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(8)]
[InvocationCount(1)]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class OutboxBenchmarks
{
    public const int Emails = 1000;

    private string _folder = "";
    private SmtpTestServer _sink = null!;
    private BenchApp _app = null!;
    private List<MimeMessage> _mimes = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _sink = await SmtpTestServer.StartAsync();
        _folder = await Workspace.CopyOfPortfolioAsync("outbox", 1);
        _app = new BenchApp(_folder, new Dictionary<string, string?>
        {
            ["Email:Mode"] = "Smtp",
            ["Email:Host"] = "127.0.0.1",
            ["Email:Port"] = _sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Security"] = "None",
        });
        await QueueAsync();
        var factory = _app.Services.GetRequiredService<MimeMessageFactory>();
        _mimes = await WithDbAsync(async db => (await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync()).Select(factory.Create).ToList());
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _app.DisposeAsync();
        await _sink.DisposeAsync();
        BenchDatabase.ReleaseConnections();
        Workspace.Delete(_folder);
    }

    [IterationSetup(Target = nameof(ThroughTheOutbox))]
    public void Queue() => QueueAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "1,000 emails, bare MailKit loop on one connection")]
    public async Task<int> BareMailKitLoop()
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", _sink.Port, SecureSocketOptions.None);
        foreach (var mime in _mimes) await client.SendAsync(mime);
        await client.DisconnectAsync(quit: true);
        return _mimes.Count;
    }

    [Benchmark(Description = "1,000 emails through the outbox")]
    public async Task<int> ThroughTheOutbox()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
        return result.Sent == Emails ? result.Sent : throw new InvalidOperationException($"The outbox sent {result.Sent} of {Emails}: {result}");
    }

    /// <summary>An empty outbox, then 1,000 emails queued through the app's own Outbox (real bodies) in one commit.</summary>
    private async Task QueueAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
        await db.Outbox.ExecuteDeleteAsync();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        for (var i = 1; i <= Emails; i++)
        {
            outbox.Enqueue(new Email("Digest", $"person{i}@bench.local", $"Person {i}", $"Readiness: 3 returns due this week ({i})",
                "These returns for your business areas are due soon.", [("Release", $"R{i:000}"), ("Due", "Thu 3 Dec 2026")],
                ["Business readiness return, Area 1.2", "Business readiness return, Area 1.3", "Business readiness return, Area 2.1"],
                "Open your returns", "http://localhost:5080/Assessments"));
        }
        await db.SaveChangesAsync();
    }

    private async Task<T> WithDbAsync<T>(Func<ReadinessDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ReadinessDbContext>());
    }
}
