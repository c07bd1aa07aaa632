using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Readiness.Core.Common;
using Readiness.Core.Notifications;
using Readiness.Core.Persistence;
using Readiness.Core.Workflows;
using Readiness.Core.Audit;
using Readiness.Infrastructure.Email;
using Readiness.Infrastructure.Persistence;
using Readiness.Infrastructure.Tests.TestData;

namespace Readiness.Infrastructure.Tests.Email;

/// <summary>
/// A real database (a SQLite file in a temp folder, or PostgreSQL with READINESS_TEST_DB=postgres) with the real migrations, a fake clock, and helpers to write outbox rows
/// and build dispatchers over their own DbContext (as separate job runs would have).
/// </summary>
internal sealed class OutboxTestDatabase : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("readiness-outbox-").FullName;

    private OutboxTestDatabase() => Clock = new ReadinessClock(Time, TimeZoneInfo.Utc);

    public FakeTimeProvider Time { get; } = new(Start);
    public ReadinessClock Clock { get; }
    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public static async Task<OutboxTestDatabase> CreateAsync()
    {
        var database = new OutboxTestDatabase();
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public ReadinessDbContext NewContext() => TestDatabase.NewContext(_folder);

    public static SmtpOptions SmtpTo(int port) => new()
    {
        Mode = SmtpOptions.SmtpMode,
        Host = "127.0.0.1",
        Port = port,
        Security = "None",
    };

    public static IMailTransport SmtpTransport(SmtpOptions options) =>
        new SmtpMailTransport(new MimeMessageFactory(Options.Create(options)), Options.Create(options));

    public OutboxDispatcher Dispatcher(ReadinessDbContext db, IMailTransport transport, SmtpOptions options) =>
        new(db, UnitOfWorkOver(db), transport, Clock, Options.Create(options), NullLogger<OutboxDispatcher>.Instance);

    /// <summary>The real unit of work over a context: the provider's retry rule, a test chain key, no checkpoints (nothing here audits).</summary>
    public static UnitOfWork UnitOfWorkOver(ReadinessDbContext db) =>
        new(db, new AuditLog(db, new AuditChainKey("outbox-tests-audit-chain-key-0123456789")), TestDatabase.ErrorRule, []);

    /// <summary>One dispatcher run on a fresh DbContext, as the recurring job does it.</summary>
    public async Task<DispatchResult> RunAsync(IMailTransport transport, SmtpOptions options)
    {
        await using var db = NewContext();
        return await Dispatcher(db, transport, options).DispatchAsync(CancellationToken.None);
    }

    public async Task<OutboxMessage> AddMessageAsync(string toAddress = "tl.custody@readiness.demo", string subject = "Approval needed: Custody return")
    {
        await using var db = NewContext();
        var message = NewMessage(toAddress, subject);
        db.Outbox.Add(message);
        await db.SaveChangesAsync();
        Time.Advance(TimeSpan.FromSeconds(1));
        return message;
    }

    /// <summary>Queues "Message 0" … to person0@ … in one commit, a second apart, oldest first.</summary>
    public async Task AddMessagesAsync(int count)
    {
        await using var db = NewContext();
        for (var i = 0; i < count; i++)
        {
            db.Outbox.Add(NewMessage($"person{i}@readiness.demo", $"Message {i}"));
            Time.Advance(TimeSpan.FromSeconds(1));
        }
        await db.SaveChangesAsync();
    }

    private OutboxMessage NewMessage(string toAddress, string subject) => new("ApprovalRequest", toAddress, "Priya Shah", subject,
        $"Dear Priya,\n\n{subject}\n\nOpen: https://readiness.example/approve/abc\n",
        $"<!DOCTYPE html><html><head><title>{subject}</title></head><body><p>Dear Priya,</p><p>{subject}</p><p><a href=\"https://readiness.example/approve/abc\">Open</a></p></body></html>",
        Now, "readiness.local");

    public async Task<OutboxMessage> MessageAsync(int id)
    {
        await using var db = NewContext();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public async Task<List<OutboxMessage>> MessagesAsync()
    {
        await using var db = NewContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    public async Task<List<Incident>> IncidentsAsync()
    {
        await using var db = NewContext();
        return await db.Incidents.AsNoTracking().OrderBy(i => i.Id).ToListAsync();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
