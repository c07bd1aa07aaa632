using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Persistence;

namespace Readiness.Infrastructure.Email;

/// <summary>
/// "There is mail to send", raised after a commit that queued email. However many commits raise it while the sender is
/// busy, it is held once: the sender runs again after its current run and finds all of it.
/// </summary>
public sealed class OutboxWakeUp
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _signal.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken ct) => await _signal.Reader.ReadAsync(ct);
}

/// <summary>Wakes the sender after every unit of work that committed outbox rows.</summary>
public sealed class OutboxCommitObserver(OutboxWakeUp wakeUp) : ICommitObserver
{
    public void Committed(CommitSummary summary)
    {
        if (summary.EmailsQueued > 0) wakeUp.Wake();
    }
}

/// <summary>
/// Sends queued email as soon as the commit that queued it is done (Email:SendOnCommit), in this process and without
/// Hangfire: woken by <see cref="OutboxCommitObserver"/>, it runs the <see cref="OutboxDispatcher"/> until nothing is
/// due. Claims keep it safe beside the outbox-dispatch job and other nodes; the job stays as the safety net (retries that
/// come due, mail queued by another node or before a crash). It also runs once at start, for mail left from before.
/// </summary>
public sealed class OutboxSender(
    OutboxWakeUp wakeUp, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IOptions<SmtpOptions> options, ILogger<OutboxSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SendOnCommit) return;
        // Mail left from before (or queued by the demo's seeding) goes once the app serves: start-up is not held up by it.
        using (var started = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stoppingToken))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, started.Token);
            }
            catch (OperationCanceledException)
            {
                // started, or stopping before it ever started
            }
        }
        wakeUp.Wake();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await wakeUp.WaitAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(stoppingToken);
                if (result.Total > 0)
                    logger.LogInformation("Outbox (on commit): {Sent} sent, {Retried} to retry, {Failed} failed", result.Sent, result.Retried, result.Failed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A run that fails (database busy, disk full) must not stop the sender: the next commit or the job tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Outbox (on commit): the run failed; the next commit or the outbox-dispatch job sends what is due");
            }
        }
    }
}
