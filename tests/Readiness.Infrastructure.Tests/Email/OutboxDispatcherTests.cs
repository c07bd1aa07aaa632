using MimeKit;
using Readiness.Infrastructure.Email;
using SmtpServer.Protocol;

namespace Readiness.Infrastructure.Tests.Email;

/// <summary>The outbox dispatcher sending through MailKit to a real SMTP server in this process, on a real SQLite database.</summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
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
    public async Task A_pending_message_is_delivered_once_with_its_subject_recipient_message_id_and_both_parts()
    {
        var row = await _db.AddMessageAsync(subject: "Approval needed: Custody return for CONNECT Phase 1");

        var result = await _db.RunAsync(_transport, _options);

        Assert.Equal(new DispatchResult(1, 0, 0), result);
        var mail = Assert.Single(_smtp.Accepted);
        Assert.Equal(["tl.custody@readiness.demo"], mail.Recipients);
        var message = mail.Message;
        Assert.Equal("Approval needed: Custody return for CONNECT Phase 1", message.Subject);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal(("Priya Shah", "tl.custody@readiness.demo"), (to.Name, to.Address));
        Assert.Equal(row.MessageId, message.MessageId);
        Assert.Equal("readiness@readiness.demo", Assert.IsType<MailboxAddress>(Assert.Single(message.From)).Address);
        Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Contains("Open: https://readiness.example/approve/abc", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://readiness.example/approve/abc\">", message.HtmlBody, StringComparison.Ordinal);
        var sent = await _db.MessageAsync(row.Id);
        Assert.Equal((1, _db.Now), (sent.Attempts, sent.SentAtUtc));
    }

    [Fact]
    public async Task Running_the_dispatcher_again_sends_nothing_twice()
    {
        await _db.AddMessageAsync();
        await _db.AddMessageAsync(subject: "Second");
        await _db.RunAsync(_transport, _options);
        _db.Time.Advance(TimeSpan.FromHours(1));

        var again = await _db.RunAsync(_transport, _options);

        Assert.Equal(0, again.Total);
        Assert.Equal(2, _smtp.Received.Count);
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_deliver_each_message_exactly_once()
    {
        for (var i = 0; i < 30; i++) await _db.AddMessageAsync(subject: $"Message {i}");

        var results = await Task.WhenAll(_db.RunAsync(_transport, _options), _db.RunAsync(_transport, _options));

        Assert.Equal(30, results.Sum(r => r.Sent));
        Assert.Equal(30, _smtp.Received.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.Equal(30, _smtp.Received.Count);
        Assert.All(await _db.MessagesAsync(), m => Assert.NotNull(m.SentAtUtc));
    }

    [Fact]
    public async Task A_4xx_reply_leaves_the_message_pending_and_a_later_run_sends_it()
    {
        var row = await _db.AddMessageAsync();
        var replies = 0;
        _smtp.Respond = _ => Interlocked.Increment(ref replies) == 1
            ? new SmtpResponse(SmtpReplyCode.Unavailable, "Mailbox busy, try again later")
            : SmtpResponse.Ok;

        var first = await _db.RunAsync(_transport, _options);

        Assert.Equal(new DispatchResult(0, 1, 0), first);
        var pending = await _db.MessageAsync(row.Id);
        Assert.True(pending.IsPending);
        Assert.Equal(1, pending.Attempts);
        Assert.Equal(_db.Now.AddMinutes(1), pending.NextAttemptAtUtc);
        Assert.StartsWith("450", pending.LastError, StringComparison.Ordinal);
        Assert.Equal(0, (await _db.RunAsync(_transport, _options)).Total);

        _db.Time.Advance(TimeSpan.FromMinutes(1));
        var later = await _db.RunAsync(_transport, _options);

        Assert.Equal(new DispatchResult(1, 0, 0), later);
        var sent = await _db.MessageAsync(row.Id);
        Assert.Equal((2, _db.Now), (sent.Attempts, sent.SentAtUtc));
        Assert.Single(_smtp.Accepted);
        Assert.Empty(await _db.IncidentsAsync());
    }

    [Fact]
    public async Task A_5xx_reply_fails_the_message_at_once_with_one_incident()
    {
        var row = await _db.AddMessageAsync(toAddress: "nobody@readiness.demo", subject: "Approval needed");
        _smtp.Respond = _ => new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "No such user here");

        var result = await _db.RunAsync(_transport, _options);
        _db.Time.Advance(TimeSpan.FromDays(1));
        var again = await _db.RunAsync(_transport, _options);

        Assert.Equal(new DispatchResult(0, 0, 1), result);
        Assert.Equal(0, again.Total);
        var failed = await _db.MessageAsync(row.Id);
        Assert.False(failed.IsPending);
        Assert.Null(failed.SentAtUtc);
        Assert.Equal(1, failed.Attempts);
        var incident = Assert.Single(await _db.IncidentsAsync());
        Assert.Equal(OutboxDispatcher.IncidentKind, incident.Kind);
        Assert.Equal($"Email {row.Id} to nobody@readiness.demo: Approval needed", incident.Subject);
        Assert.Contains("550", incident.Message, StringComparison.Ordinal);
        Assert.Contains("No such user here", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_server_is_down_the_message_is_retried_until_max_attempts_then_one_incident_says_retries_exhausted()
    {
        var row = await _db.AddMessageAsync();
        var down = OutboxTestDatabase.SmtpTo(SmtpTestServer.FreePort());
        var transport = OutboxTestDatabase.SmtpTransport(down);
        int[] expectedDelays = [1, 5, 15, 60, 240];

        for (var attempt = 1; attempt < down.MaxAttempts; attempt++)
        {
            Assert.Equal(new DispatchResult(0, 1, 0), await _db.RunAsync(transport, down));
            var pending = await _db.MessageAsync(row.Id);
            Assert.Equal(attempt, pending.Attempts);
            Assert.Equal(_db.Now.AddMinutes(expectedDelays[attempt - 1]), pending.NextAttemptAtUtc);
            _db.Time.Advance(TimeSpan.FromMinutes(expectedDelays[attempt - 1]));
        }
        var last = await _db.RunAsync(transport, down);
        _db.Time.Advance(TimeSpan.FromDays(1));
        var afterwards = await _db.RunAsync(transport, down);

        Assert.Equal(new DispatchResult(0, 0, 1), last);
        Assert.Equal(0, afterwards.Total);
        var failed = await _db.MessageAsync(row.Id);
        Assert.Equal(6, failed.Attempts);
        Assert.NotNull(failed.FailedAtUtc);
        var incident = Assert.Single(await _db.IncidentsAsync());
        Assert.Contains("retries exhausted", incident.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Nothing_is_lost_every_message_ends_sent_once_or_failed_with_an_incident()
    {
        string[] recipients = ["a@readiness.demo", "reject-1@readiness.demo", "busy-1@readiness.demo", "b@readiness.demo", "reject-2@readiness.demo", "busy-2@readiness.demo", "c@readiness.demo"];
        foreach (var to in recipients) await _db.AddMessageAsync(toAddress: to, subject: $"For {to}");
        var busyReplies = new Dictionary<string, int>();
        _smtp.Respond = mail =>
        {
            var to = mail.Recipients[0];
            if (to.StartsWith("reject", StringComparison.Ordinal)) return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "Rejected");
            if (!to.StartsWith("busy", StringComparison.Ordinal)) return SmtpResponse.Ok;
            lock (busyReplies) busyReplies[to] = busyReplies.GetValueOrDefault(to) + 1;
            return busyReplies[to] <= 2 ? new SmtpResponse(SmtpReplyCode.Aborted, "Try later") : SmtpResponse.Ok;
        };
        // The first run finds the server down, the rest reach it.
        var down = OutboxTestDatabase.SmtpTo(SmtpTestServer.FreePort());
        await _db.RunAsync(OutboxTestDatabase.SmtpTransport(down), down);

        for (var run = 0; run < 10 && (await _db.MessagesAsync()).Any(m => m.IsPending); run++)
        {
            _db.Time.Advance(TimeSpan.FromHours(4));
            await _db.RunAsync(_transport, _options);
        }

        var rows = await _db.MessagesAsync();
        var incidents = await _db.IncidentsAsync();
        Assert.All(rows, m => Assert.False(m.IsPending));
        Assert.All(rows.Where(m => m.FailedAtUtc is not null), m => Assert.Single(incidents, i => i.Subject.StartsWith($"Email {m.Id} to ", StringComparison.Ordinal)));
        Assert.Equal(2, incidents.Count);
        var sentIds = rows.Where(m => m.SentAtUtc is not null).Select(m => m.MessageId).Order().ToList();
        Assert.Equal(5, sentIds.Count);
        Assert.Equal(sentIds, _smtp.Accepted.Select(m => m.Message.MessageId ?? "").Order().ToList());
    }
}
