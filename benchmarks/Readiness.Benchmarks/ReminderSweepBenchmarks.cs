using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Persistence;
using Readiness.Core.Reminders;

namespace Readiness.Benchmarks;

/// <summary>
/// The daily reminder sweep (ReminderSweep.RunAsync) on the generated portfolio, on the benchmark's "now" (a working day).
/// "Sending day": before each iteration today's reminder logs, digests and the emails they queued are deleted, so every
/// iteration finds, writes and queues the whole day's digests again. "Repeat run": today's digests already went out
/// (a first run in the setup), so the sweep reads everything and writes nothing.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class ReminderSweepBenchmarks
{
    private string _folder = "";
    private BenchApp _app = null!;
    private int _outboxBefore;

    [GlobalSetup(Target = nameof(SendingDay))]
    public async Task SetupSendingAsync()
    {
        _folder = await Workspace.CopyOfPortfolioAsync("sweep-send", 1);
        _app = new BenchApp(_folder);
        _outboxBefore = await WithDbAsync(async db => await db.Outbox.Select(m => (int?)m.Id).MaxAsync() ?? 0);
        var first = await RunSweepAsync();
        if (first.Digests == 0) throw new InvalidOperationException("The generated portfolio has nothing to remind anyone of today.");
        Console.WriteLine($"// Reminder sweep on {BenchApp.Now:yyyy-MM-dd}: {first.Digests} digests, {first.Items} items");
    }

    [IterationSetup(Target = nameof(SendingDay))]
    public void ResetToday()
    {
        var today = DateOnly.FromDateTime(BenchApp.Now.UtcDateTime);
        WithDbAsync(async db =>
        {
            await db.ReminderLogs.Where(l => l.Day == today).ExecuteDeleteAsync();
            await db.ReminderDigests.Where(d => d.Day == today).ExecuteDeleteAsync();
            return await db.Outbox.Where(m => m.Id > _outboxBefore).ExecuteDeleteAsync();
        }).GetAwaiter().GetResult();
    }

    [GlobalSetup(Target = nameof(RepeatRun))]
    public async Task SetupRepeatAsync()
    {
        _folder = await Workspace.CopyOfPortfolioAsync("sweep-repeat", 1);
        _app = new BenchApp(_folder);
        await RunSweepAsync();
        var again = await RunSweepAsync();
        if (again.Digests != 0) throw new InvalidOperationException("A second sweep on the same day sent digests.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.Dispose();
        BenchDatabase.ReleaseConnections();
        Workspace.Delete(_folder);
    }

    [Benchmark(Description = "Reminder sweep, sending day (reset per iteration)")]
    public Task<ReminderSweepResult> SendingDay() => RunSweepAsync();

    [Benchmark(Description = "Reminder sweep, repeat run (nothing to send)")]
    public Task<ReminderSweepResult> RepeatRun() => RunSweepAsync();

    private async Task<ReminderSweepResult> RunSweepAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None);
    }

    private async Task<T> WithDbAsync<T>(Func<ReadinessDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ReadinessDbContext>());
    }
}
