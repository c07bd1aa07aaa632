using Readiness.Infrastructure.Email;
using SmtpServer.Protocol;

namespace Readiness.Infrastructure.Tests.Email;

/// <summary>
/// The dispatcher's batches, through MailKit to a real SMTP server in this process, on a real database: one claim per
/// batch, one connection per run (opened again when it drops), one message's refusal failing only that message.
/// </summary>
public sealed class OutboxBatchTests : IAsyncLifetime
{
    private OutboxTestDatabase _db = null!;
    private SmtpTestServer _smtp = null!;
    private SmtpOptions _options = null!;
    private IMailTransport _transport = null!;

    public async Task InitializeAsync()
    {
        _db = await OutboxTestDatabase.CreateAsync();
        _smtp = await SmtpTestServer.StartAsync();
        _options = OutboxTestDatabase.SmtpTo(_smtp.Port);
        _transport = OutboxTestDatabase.SmtpTransport(_options);
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _db.Dispose();
    }

    [Fact]
    public async Task A_run_sends_every_batch_over_one_connection()
    {
        await _db.AddMessagesAsync(OutboxDispatcher.BatchSize * 2 + 5);

        var result = await _db.RunAsync(_transport, _options);

        Assert.Equal(new DispatchResult(105, 0, 0), result);
        Assert.Equal(1, _smtp.Sessions);
        Assert.Equal(105, _smtp.Accepted.Select(m => m.Message.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_5xx_for_one_message_of_a_batch_fails_that_message_alone_with_an_incident_and_the_rest_go_out_on_the_same_connection()
    {
        await _db.AddMessagesAsync(5);
        _smtp.Respond = mail => mail.Message.Subject == "Message 2"
            ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "No such user here")
            : SmtpResponse.Ok;

        var result = await _db.RunAsync(_transport, _options);

        Assert.Equal(new DispatchResult(4, 0, 1), result);
        Assert.Equal(1, _smtp.Sessions);
        Assert.Equal(["Message 0", "Message 1", "Message 3", "Message 4"], _smtp.Accepted.Select(m => m.Message.Subject));
        var rows = await _db.MessagesAsync();
        var refused = Assert.Single(rows, m => m.FailedAtUtc is not null);
        Assert.Equal("Message 2", refused.Subject);
        Assert.StartsWith("550", refused.LastError, StringComparison.Ordinal);
        Assert.All(rows.Where(m => m != refused), m => Assert.Equal((1, _db.Now), (m.Attempts, m.SentAtUtc)));
        var incident = Assert.Single(await _db.IncidentsAsync());
        Assert.Equal($"Email {refused.Id} to person2@readiness.demo: Message 2", incident.Subject);
    }

    [Fact]
    public async Task A_connection_dropped_mid_batch_is_opened_again_and_only_the_message_in_flight_waits_for_its_retry()
    {
        await _db.AddMessagesAsync(6);
        var hungUp = 0;
        _smtp.HangUp = mail => mail.Message.Subject == "Message 2" && Interlocked.Increment(ref hungUp) == 1;

        var first = await _db.RunAsync(_transport, _options);

        Assert.Equal(new DispatchResult(5, 1, 0), first);
        Assert.Equal(2, _smtp.Sessions);
        var inFlight = Assert.Single(await _db.MessagesAsync(), m => m.IsPending);
        Assert.Equal(("Message 2", 1, _db.Now.AddMinutes(1)), (inFlight.Subject, inFlight.Attempts, inFlight.NextAttemptAtUtc));

        _db.Time.Advance(TimeSpan.FromMinutes(1));
        var retry = await _db.RunAsync(_transport, _options);

        Assert.Equal(new DispatchResult(1, 0, 0), retry);
        Assert.All(await _db.MessagesAsync(), m => Assert.NotNull(m.SentAtUtc));
        Assert.Equal(6, _smtp.Accepted.Count);
        Assert.Equal(6, _smtp.Accepted.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.Empty(await _db.IncidentsAsync());
    }

    [Fact]
    public async Task A_batch_claimed_by_one_dispatcher_is_hidden_from_another_which_sends_only_the_rest()
    {
        await _db.AddMessagesAsync(OutboxDispatcher.BatchSize + 10);
        using var firstMessageArrived = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        _smtp.Respond = mail =>
        {
            if (mail.Message.Subject != "Message 0") return SmtpResponse.Ok;
            firstMessageArrived.Set();
            release.Wait(TimeSpan.FromSeconds(30)); // the first dispatcher is mid-batch until the second has finished
            return SmtpResponse.Ok;
        };

        var first = Task.Run(() => _db.RunAsync(_transport, _options));
        Assert.True(firstMessageArrived.Wait(TimeSpan.FromSeconds(30)), "The first dispatcher did not start sending.");
        var second = await _db.RunAsync(_transport, _options);
        release.Set();
        var firstResult = await first;

        Assert.Equal(new DispatchResult(10, 0, 0), second);
        Assert.Equal(new DispatchResult(OutboxDispatcher.BatchSize, 0, 0), firstResult);
        Assert.Equal(60, _smtp.Accepted.Count);
        Assert.Equal(60, _smtp.Accepted.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.All(await _db.MessagesAsync(), m => Assert.NotNull(m.SentAtUtc));
    }

    [Fact]
    public async Task A_batch_whose_lease_lapsed_mid_send_is_sent_by_another_dispatcher_and_recorded_once_only_it_is_sent_twice()
    {
        await _db.AddMessagesAsync(OutboxDispatcher.BatchSize + 10);
        using var firstMessageArrived = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var held = 0;
        _smtp.Respond = mail =>
        {
            if (mail.Message.Subject != "Message 0" || Interlocked.Increment(ref held) != 1) return SmtpResponse.Ok;
            firstMessageArrived.Set();
            release.Wait(TimeSpan.FromSeconds(30)); // the first dispatcher hangs mid-batch past its lease
            return SmtpResponse.Ok;
        };

        var first = Task.Run(() => _db.RunAsync(_transport, _options));
        Assert.True(firstMessageArrived.Wait(TimeSpan.FromSeconds(30)), "The first dispatcher did not start sending.");
        _db.Time.Advance(TimeSpan.FromSeconds(_options.ClaimLeaseSeconds + 1));
        var second = await _db.RunAsync(_transport, _options);
        release.Set();
        var firstResult = await first;

        Assert.Equal(new DispatchResult(60, 0, 0), second);
        Assert.Equal(new DispatchResult(0, 0, 0), firstResult); // its outcomes came too late: the rows were recorded by the other
        var rows = await _db.MessagesAsync();
        Assert.All(rows, m => Assert.Equal(1, m.Attempts));
        Assert.All(rows, m => Assert.NotNull(m.SentAtUtc));
        var deliveries = _smtp.Accepted.GroupBy(m => m.Message.MessageId).ToList();
        Assert.Equal(60, deliveries.Count);
        Assert.Equal(OutboxDispatcher.BatchSize, deliveries.Count(d => d.Count() == 2)); // the lapsed batch, and nothing else
    }

    [Fact]
    public async Task When_the_server_cannot_be_reached_every_due_message_gets_one_failed_attempt_and_its_retry_time()
    {
        await _db.AddMessagesAsync(12);
        var down = OutboxTestDatabase.SmtpTo(SmtpTestServer.FreePort());

        var result = await _db.RunAsync(OutboxTestDatabase.SmtpTransport(down), down);

        Assert.Equal(new DispatchResult(0, 12, 0), result);
        Assert.All(await _db.MessagesAsync(), m =>
        {
            Assert.Equal((1, _db.Now.AddMinutes(1)), (m.Attempts, m.NextAttemptAtUtc));
            Assert.Contains("refused", m.LastError, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Stopping_mid_batch_records_what_was_sent_and_gives_the_other_claims_back_at_once()
    {
        await _db.AddMessagesAsync(10);
        using var stop = new CancellationTokenSource();
        _smtp.Respond = mail =>
        {
            if (mail.Message.Subject == "Message 3") stop.Cancel();
            return SmtpResponse.Ok;
        };

        await using (var context = _db.NewContext())
            await _db.Dispatcher(context, _transport, _options).DispatchAsync(stop.Token);

        var rows = await _db.MessagesAsync();
        var sent = rows.Where(m => m.SentAtUtc is not null).ToList();
        Assert.InRange(sent.Count, 3, 4); // Message 3 itself reached the server as the stop came
        Assert.All(rows.Except(sent).Where(m => m.Subject != "Message 3"), m => Assert.Equal((0, _db.Now), (m.Attempts, m.NextAttemptAtUtc)));

        var rest = await _db.RunAsync(_transport, _options);

        Assert.All(await _db.MessagesAsync(), m => Assert.NotNull(m.SentAtUtc));
        Assert.Equal(10, _smtp.Accepted.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.InRange(_smtp.Accepted.Count, 10, 11); // at most the message in flight twice
        Assert.Equal(10 - sent.Count, rest.Sent);
    }
}
