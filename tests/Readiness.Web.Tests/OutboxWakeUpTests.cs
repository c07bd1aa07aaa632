using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Email;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// Email at line speed: the commit that queues an email wakes the sender in the app (Email:SendOnCommit), without
/// Hangfire (no server runs in these apps) and without anyone running the dispatcher, and the email is out within 10 s.
/// </summary>
public sealed class OutboxWakeUpTests
{
    private const string Bcm = "bcm.justice@readiness.demo";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_bcm_email_of_a_submitted_return_reaches_the_smtp_server_within_10_seconds_of_the_submission()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var settings = ApprovalDriver.SmtpSettings(smtp);
        settings["Email:SendOnCommit"] = "true";
        var commits = new EmailCommits();
        await using var factory = new ReadinessFactory(settings: settings, services: commits.Watch);

        var elapsed = await SubmitCustodyReturnAndWaitAsync(factory, commits, () => smtp.Accepted.Any(m => m.Recipients.Contains(Bcm)));

        Assert.True(elapsed < Budget, $"The BCM's email arrived {elapsed.TotalSeconds:0.0} s after the submission.");
        var mail = Assert.Single(smtp.Accepted, m => m.Recipients.Contains(Bcm));
        Assert.Contains("/Decide/", mail.Message.TextBody, StringComparison.Ordinal);
        Assert.NotNull((await RecordedAsync(factory)).SentAtUtc);
    }

    [Fact]
    public async Task In_pickup_mode_the_bcm_email_is_written_to_the_pickup_folder_within_10_seconds_of_the_submission()
    {
        var commits = new EmailCommits();
        await using var factory = new ReadinessFactory(settings: new Dictionary<string, string?> { ["Email:SendOnCommit"] = "true" }, services: commits.Watch);
        var folder = Path.Combine(factory.Folder, "mail");

        var elapsed = await SubmitCustodyReturnAndWaitAsync(factory, commits, () => PickedUp(factory, folder));

        Assert.True(elapsed < Budget, $"The BCM's email was written {elapsed.TotalSeconds:0.0} s after the submission.");
        var sent = await RecordedAsync(factory);
        Assert.NotNull(sent.SentAtUtc);
        Assert.True(File.Exists(Path.Combine(folder, PickupFolderTransport.FileName(sent.MessageId))));
    }

    /// <summary>The BCM's outbox row once its delivery is recorded (the batch's outcomes commit just after the send).</summary>
    private static async Task<Readiness.Core.Notifications.OutboxMessage> RecordedAsync(ReadinessFactory factory)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var row = await factory.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.ToAddress == Bcm));
            if (row.SentAtUtc is not null || watch.Elapsed > TimeSpan.FromSeconds(30)) return row;
            await Task.Delay(20);
        }
    }

    private static bool PickedUp(ReadinessFactory factory, string folder)
    {
        var messageId = factory.WithDbAsync(db => db.Outbox.Where(m => m.ToAddress == Bcm).Select(m => m.MessageId).FirstOrDefaultAsync()).GetAwaiter().GetResult();
        return messageId is not null && File.Exists(Path.Combine(folder, PickupFolderTransport.FileName(messageId)));
    }

    /// <summary>
    /// A team lead fills in and submits the custody return; the time runs from the commit that queued the BCM's email
    /// until <paramref name="arrived"/> (given up after 60 s).
    /// </summary>
    private static async Task<TimeSpan> SubmitCustodyReturnAndWaitAsync(ReadinessFactory factory, EmailCommits commits, Func<bool> arrived)
    {
        var browser = new Browser(factory.CreateBrowser());
        await browser.SignInAsync("tl.custody@readiness.demo");
        var returns = new ReturnDriver(factory, browser);
        var id = await returns.ReturnIdAsync("CONNECT-P1", "CUSTODY");
        var goLive = await factory.WithDbAsync(db => db.Releases.Where(r => r.Code == "CONNECT-P1").Select(r => r.GoLive).SingleAsync());
        await returns.AnswerAllPassingAsync(id, goLive);

        commits.Reset();
        var response = await returns.SubmitAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var committed = commits.Last ?? throw new InvalidOperationException("The submission queued no email.");
        while (!arrived() && Stopwatch.GetElapsedTime(committed) < TimeSpan.FromSeconds(60)) await Task.Delay(20);
        Assert.True(arrived(), "The BCM's email never went out: nothing woke the sender.");
        return Stopwatch.GetElapsedTime(committed);
    }

    /// <summary>When the last unit of work that queued email committed (a commit observer beside the app's own).</summary>
    private sealed class EmailCommits : ICommitObserver
    {
        private long _last;

        public long? Last => Interlocked.Read(ref _last) is > 0 and var t ? t : null;

        public void Reset() => Interlocked.Exchange(ref _last, 0);

        public void Watch(IServiceCollection services) => services.AddSingleton<ICommitObserver>(this);

        public void Committed(CommitSummary summary)
        {
            if (summary.EmailsQueued > 0) Interlocked.Exchange(ref _last, Stopwatch.GetTimestamp());
        }
    }
}
