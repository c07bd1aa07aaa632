using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Persistence;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Infrastructure.Tests.TestData;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.ScaleOut.Tests.Infrastructure;

/// <summary>
/// Two real app nodes (A and B) on one fresh PostgreSQL database, each running Hangfire with its jobs every couple of
/// seconds, both sending through one in-process SMTP server. A starts first and B once A is ready, as a rolling
/// deployment would. The test reads the database directly to check what the nodes did.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime, IAppDatabase
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _folder = Directory.CreateTempSubdirectory("readiness-nodes-").FullName;

    internal SmtpTestServer Smtp { get; private set; } = null!;
    public DatabaseOptions Database { get; private set; } = null!;
    public AppNode A { get; private set; } = null!;
    public AppNode B { get; private set; } = null!;

    /// <summary>How long an emailed claimed by a node stays its own; short, so a killed node's message is sent again soon.</summary>
    public const int ClaimLeaseSeconds = 10;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        Database = TestDatabase.Postgres(_folder);
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = DatabaseOptions.Postgres,
            ["Database:ConnectionString"] = Database.ConnectionString,
            ["Seed:DemoActivity"] = "false",
            ["Seed:Generated"] = "false",
            ["Email:Mode"] = "Smtp",
            ["Email:Host"] = "127.0.0.1",
            ["Email:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Security"] = "None",
            ["Email:ClaimLeaseSeconds"] = ClaimLeaseSeconds.ToString(CultureInfo.InvariantCulture),
            ["Scheduling:RunServer"] = "true",
            ["Scheduling:WorkerCount"] = "4",
            ["Scheduling:PollIntervalSeconds"] = "1",
            ["Scheduling:LockTimeoutSeconds"] = "10",
            // Hangfire reads six fields as seconds first: every two seconds instead of every minute.
            ["Scheduling:OutboxCron"] = "*/2 * * * * *",
            ["Scheduling:WorkflowClockCron"] = "*/2 * * * * *",
            ["Scheduling:CatchUpAtStart"] = "false",
            ["Portfolio:CalendarKey"] = "two-node-calendar-key-0123456789abcdef",
            // One audit chain key for every node (each keeps its checkpoints in its own folder).
            ["Audit:ChainKey"] = ReadinessFactory.TestChainKey,
            // The balancer's address; the tests send a link's path to whichever node they mean.
            ["Approvals:PublicBaseUrl"] = "http://readiness.example/",
        };
        A = AppNode.Start("a", _folder, settings);
        await A.WaitUntilReadyAsync(StartTimeout);
        B = AppNode.Start("b", _folder, settings);
        await B.WaitUntilReadyAsync(StartTimeout);
    }

    public async Task DisposeAsync()
    {
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        if (Smtp is not null) await Smtp.DisposeAsync();
        TestDatabase.Release(Database);
    }

    public async Task<T> WithDbAsync<T>(Func<ReadinessDbContext, Task<T>> query)
    {
        await using var db = DatabaseProvider.NewContext(Database, _folder);
        return await query(db);
    }

    /// <summary>Waits (bounded) until <paramref name="done"/> holds, checking every half second.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting until {what}.");
            await Task.Delay(500);
        }
    }

    public Task<string> FirstMemberAsync(string area, AreaRole role) => WithDbAsync(db =>
        (from m in db.AreaMemberships
         join a in db.BusinessAreas on m.BusinessAreaId equals a.Id
         join u in db.Users on m.UserId equals u.Id
         where a.Code == area && m.Role == role
         orderby u.Email
         select u.Email!).FirstAsync());

    /// <summary>The decision link (path only) of the newest email to <paramref name="address"/>, waiting for a node to send it.</summary>
    public async Task<string> LinkEmailedToAsync(string address, int after)
    {
        string? link = null;
        await WaitUntilAsync(() =>
        {
            var mail = Smtp.Accepted.Skip(after).LastOrDefault(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase));
            link = mail is null ? null : ApprovalDriver.DecisionPathIn(mail.Message.TextBody);
            return Task.FromResult(!string.IsNullOrEmpty(link));
        }, TimeSpan.FromSeconds(60), $"a node emails {address} a decision link");
        return link!;
    }

    /// <summary>Signs in on <paramref name="node"/> through the sign-in page; the cookie lands in <paramref name="cookies"/>.</summary>
    public static async Task<Browser> SignedInAsync(AppNode node, CookieContainer cookies, string email)
    {
        var browser = new Browser(node.Client(cookies));
        await browser.SignInAsync(email);
        return browser;
    }
}
