using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Core.Approvals;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Reminders;
using Readiness.Core.Workflows;
using Readiness.Infrastructure.Reminders;
using Readiness.Infrastructure.Scheduling;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The reminder sweep on the real app, database and seed data, with the fake clock. The demo is seeded on Monday
/// 2 Mar 2026: CONNECT-P1's readiness returns were due Thursday 26 Feb (2 working days overdue), LD-WAVE1's are due
/// Thursday 5 Mar (T-3 today). BCU-CW is in both; its team lead is Emma Clarke, its BCM Nadia Hussain.
/// </summary>
public sealed class ReminderTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly int[] ShippedYears = [2025, 2026, 2027, 2028];

    [Fact]
    public async Task Running_the_sweep_twice_in_a_day_sends_one_digest_per_person_and_nothing_twice()
    {
        using var factory = new ReadinessFactory();

        var first = await SweepAsync(factory);
        var afterFirst = await CountsAsync(factory);
        var second = await SweepAsync(factory);
        factory.Clock.Advance(TimeSpan.FromHours(8)); // later the same day
        var third = await SweepAsync(factory);

        Assert.True(first.Digests > 1);
        Assert.Equal((first.Digests, first.Items, first.Digests), afterFirst);
        Assert.Equal(0, second.Digests + second.Items + third.Digests + third.Items);
        Assert.Equal(afterFirst, await CountsAsync(factory));
        // Every log row points at its person's one digest email.
        var unlinked = await factory.WithDbAsync(db => db.ReminderLogs.CountAsync(l =>
            !db.ReminderDigests.Any(d => d.UserId == l.RecipientUserId && d.Day == l.Day && d.OutboxMessageId == l.OutboxMessageId)));
        Assert.Equal(0, unlinked);
    }

    [Fact]
    public async Task A_person_with_several_items_gets_one_email_listing_them_overdue_first()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var factory = new ReadinessFactory(settings: ApprovalDriver.SmtpSettings(smtp));
        var driver = new ApprovalDriver(factory, smtp);

        await SweepAsync(factory);
        await driver.DispatchAsync();

        var mails = smtp.Accepted.Where(m => m.Recipients.Contains("tl.centralwest@readiness.demo")).ToList();
        var mail = Assert.Single(mails).Message;
        Assert.Equal("Readiness: 2 items need you — 1 overdue", mail.Subject);
        var text = mail.TextBody ?? "";
        Assert.True(text.IndexOf("CONNECT-P1", StringComparison.Ordinal) < text.IndexOf("LD-WAVE1", StringComparison.Ordinal), text);
        Assert.Contains("OVERDUE by 2 working days (due Thu 26 Feb 2026)", text, StringComparison.Ordinal);
        Assert.Contains("Due Thu 5 Mar 2026 (in 3 days)", text, StringComparison.Ordinal);
        Assert.Matches(@"http://localhost:5080/Assessments/Edit/\d+", text);
        Assert.Contains("LD-WAVE1", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overdue_return_escalates_to_the_BCM_and_then_to_the_SRO_as_working_days_pass()
    {
        using var factory = new ReadinessFactory();
        var custody = await ReturnIdAsync(factory, "CONNECT-P1", "CUSTODY");

        await SweepAsync(factory); // Mon 2 Mar: 2 working days overdue
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await SweepAsync(factory); // Tue 3 Mar: 3
        factory.Clock.Advance(TimeSpan.FromDays(2));
        await SweepAsync(factory); // Thu 5 Mar: 5

        var levels = await factory.WithDbAsync(db => (from l in db.ReminderLogs
                                                      join u in db.Users on l.RecipientUserId equals u.Id
                                                      where l.ItemKind == ReminderSweep.ReturnItem && l.ItemId == custody
                                                      select new { l.Day, u.Email, l.Level }).ToListAsync());
        string[] On(DateOnly day) => [.. levels.Where(l => l.Day == day).Select(l => $"{l.Email}:{l.Level}").Order(StringComparer.Ordinal)];

        Assert.Equal(["bcm.justice@readiness.demo:1", "tl.custody2@readiness.demo:0", "tl.custody@readiness.demo:0"], On(Monday));
        Assert.Equal(["bcm.justice@readiness.demo:1", "tl.custody2@readiness.demo:0", "tl.custody@readiness.demo:0"], On(Monday.AddDays(1)));
        Assert.Equal(["bcm.justice@readiness.demo:1", "sro.connect@readiness.demo:2", "tl.custody2@readiness.demo:0", "tl.custody@readiness.demo:0"], On(Monday.AddDays(3)));
        var sroMail = await factory.WithDbAsync(db => db.Outbox.Where(m => m.ToAddress == "sro.connect@readiness.demo" && m.Kind == ReminderDigestEmail.Kind).Select(m => m.TextBody).SingleAsync());
        Assert.Contains("Escalated to you as the release's SRO: Liam O'Connor and Priya Shah have not submitted it.", sroMail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submitted_return_gets_no_team_lead_reminder_and_its_overdue_approval_goes_to_the_BCM_and_up_to_the_SRO()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var factory = new ReadinessFactory(settings: ApprovalDriver.SmtpSettings(smtp));
        var driver = new ApprovalDriver(factory, smtp);
        var submitted = await driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY", "tl.custody@readiness.demo");
        var request = await factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.SubjectId == submitted).Select(r => r.Id).SingleAsync());
        // Submitted late on Mon 2 Mar, the BCM still has two working days (due Wed 4 Mar); on Fri 6 Mar it is 2 working days overdue.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero));

        await SweepAsync(factory);

        var logs = await factory.WithDbAsync(db => (from l in db.ReminderLogs
                                                    join u in db.Users on l.RecipientUserId equals u.Id
                                                    select new { u.Email, l.ItemKind, l.ItemId, l.Level }).ToListAsync());
        Assert.DoesNotContain(logs, l => l.ItemKind == ReminderSweep.ReturnItem && l.ItemId == submitted);
        var approval = logs.Where(l => l.ItemKind == ReminderSweep.ApprovalItem && l.ItemId == request).OrderBy(l => l.Level).Select(l => $"{l.Email}:{l.Level}");
        Assert.Equal(["bcm.justice@readiness.demo:0", "sro.connect@readiness.demo:1"], approval);
        var sroMail = await factory.WithDbAsync(db => db.Outbox.Where(m => m.ToAddress == "sro.connect@readiness.demo" && m.Kind == ReminderDigestEmail.Kind).Select(m => m.TextBody).SingleAsync());
        Assert.Contains("Simon Fairweather has not decided it.", sroMail, StringComparison.Ordinal);
        // The SRO cannot decide the BCM's request, so the escalation links to the release page they can read.
        Assert.Contains("/Releases/CONNECT-P1", sroMail, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Approvals/Decide/{request}", sroMail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bcm_request_for_a_late_return_is_due_after_the_minimum_window_and_is_not_escalated_at_once()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var factory = new ReadinessFactory(settings: ApprovalDriver.SmtpSettings(smtp));
        var driver = new ApprovalDriver(factory, smtp);
        // CONNECT-P1's readiness returns were due before Mon 2 Mar: this one is submitted late.
        var submitted = await driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY", "tl.custody@readiness.demo");
        var request = await factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.SubjectId == submitted).Select(r => new { r.Id, r.DueOn }).SingleAsync());

        await SweepAsync(factory);

        Assert.Equal(new DateOnly(2026, 3, 4), request.DueOn); // two working days from Monday, not the gate's past due date
        var approval = await factory.WithDbAsync(db => (from l in db.ReminderLogs
                                                        join u in db.Users on l.RecipientUserId equals u.Id
                                                        where l.ItemKind == ReminderSweep.ApprovalItem && l.ItemId == request.Id
                                                        select $"{u.Email}:{l.Level}").ToListAsync());
        Assert.Equal(["bcm.justice@readiness.demo:0"], approval); // a reminder two days before, no escalation to the SRO
    }

    [Fact]
    public async Task An_overdue_SRO_go_live_decision_goes_up_to_the_PMO()
    {
        using var factory = new ReadinessFactory();
        var request = await AskSroForGoLiveAsync(factory, "CONNECT-P1"); // due Thu 19 Mar (T-7)
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 23, 9, 0, 0, TimeSpan.Zero)); // Mon 23 Mar: 2 working days overdue

        await SweepAsync(factory);

        var logs = await factory.WithDbAsync(db => (from l in db.ReminderLogs
                                                    join u in db.Users on l.RecipientUserId equals u.Id
                                                    where l.ItemKind == ReminderSweep.ApprovalItem && l.ItemId == request
                                                    select u.Email + ":" + l.Level).ToListAsync());
        Assert.Equal(["pmo.analyst@readiness.demo:1", "pmo@readiness.demo:1", "sro.connect@readiness.demo:0"], logs.Order(StringComparer.Ordinal));

        var pmoMail = await factory.WithDbAsync(db => db.Outbox.Where(m => m.ToAddress == "pmo@readiness.demo" && m.Kind == ReminderDigestEmail.Kind).Select(m => m.TextBody).SingleAsync());
        Assert.Contains("CONNECT-P1 go / no-go decision. Escalated to you as PMO: Rachel Holloway has not decided it.", pmoMail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_gives_each_item_its_own_link_in_both_the_HTML_and_the_plain_text()
    {
        using var factory = new ReadinessFactory();
        var overdue = await ReturnIdAsync(factory, "CONNECT-P1", "BCU-CW");
        var dueSoon = await ReturnIdAsync(factory, "LD-WAVE1", "BCU-CW");

        await SweepAsync(factory);

        var mail = await factory.WithDbAsync(db => db.Outbox.Where(m => m.ToAddress == "tl.centralwest@readiness.demo" && m.Kind == ReminderDigestEmail.Kind)
            .Select(m => new { m.HtmlBody, m.TextBody }).SingleAsync());
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(mail.HtmlBody);
        var items = html.QuerySelectorAll("li").Where(li => li.QuerySelector("a") is not null).ToList();
        Assert.Equal(2, items.Count);
        Assert.StartsWith("OVERDUE", items[0].TextContent, StringComparison.Ordinal);
        Assert.EndsWith($"/Assessments/Edit/{overdue}", items[0].QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.EndsWith($"/Assessments/Edit/{dueSoon}", items[1].QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Matches($@"Open it: \S+/Assessments/Edit/{dueSoon}\r?\n", mail.TextBody);
    }

    [Fact]
    public async Task A_reminder_day_missed_while_the_app_was_down_is_caught_up_once_the_next_day()
    {
        using var factory = new ReadinessFactory();
        var wave1 = await ReturnIdAsync(factory, "LD-WAVE1", "BCU-CW"); // due Thu 5 Mar: T-3 Mon 2 Mar, T-1 Wed 4 Mar

        await SweepAsync(factory);                                        // Mon 2 Mar
        factory.Clock.Advance(TimeSpan.FromDays(3));                      // down on Tue 3 and Wed 4 Mar; back on Thu 5 Mar
        await SweepAsync(factory);
        var second = await SweepAsync(factory);

        Assert.Equal([Monday, Monday.AddDays(3)], await DaysRemindedAsync(factory, wave1, "tl.centralwest@readiness.demo"));
        Assert.Equal(0, second.Digests);
        var mail = await factory.WithDbAsync(db => db.Outbox.Where(m => m.ToAddress == "tl.centralwest@readiness.demo" && m.Kind == ReminderDigestEmail.Kind)
            .OrderBy(m => m.Id).Select(m => m.TextBody).LastAsync());
        Assert.Contains("Due TODAY (Thu 5 Mar 2026): LD-WAVE1", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sweep_that_runs_every_day_sends_each_before_due_reminder_on_its_day_only()
    {
        using var factory = new ReadinessFactory();
        var wave1 = await ReturnIdAsync(factory, "LD-WAVE1", "BCU-CW");

        for (var day = 0; day < 4; day++, factory.Clock.Advance(TimeSpan.FromDays(1))) await SweepAsync(factory);

        Assert.Equal([Monday, Monday.AddDays(2)], await DaysRemindedAsync(factory, wave1, "tl.centralwest@readiness.demo"));
    }

    [Fact]
    public async Task Nothing_is_sent_on_a_weekend()
    {
        using var factory = new ReadinessFactory();
        factory.Clock.Advance(TimeSpan.FromDays(5)); // Saturday 7 Mar

        var result = await SweepAsync(factory);

        Assert.Equal(0, result.Digests);
    }

    [Fact]
    public void The_reminder_sweep_is_registered_as_a_recurring_job_at_7am_London_time()
    {
        using var factory = new ReadinessFactory();
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ReminderJob.Id);

        Assert.Equal(("0 7 * * *", "Europe/London", typeof(ReminderJob)), (job.Cron, job.TimeZoneId, job.Job.Type));
    }

    [Fact]
    public void The_shipped_bank_holidays_cover_2025_to_2028_for_England_and_Wales()
    {
        var setup = ReminderConfiguration.Build(new ReminderOptions());

        Assert.Empty(setup.Problems);
        Assert.All(ShippedYears, y => Assert.Equal(8, setup.Calendar.BankHolidays.Count(d => d.Year == y)));
        Assert.True(setup.Calendar.IsBankHoliday(new DateOnly(2026, 4, 3)));
        Assert.True(setup.Calendar.IsBankHoliday(new DateOnly(2026, 5, 25)));
    }

    [Fact]
    public void A_bad_date_in_the_bank_holiday_file_is_reported_with_its_line_and_path()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("readiness-holidays-").FullName, "bank-holidays.json");
        File.WriteAllText(file, "{\n  \"england-and-wales\": {\n    \"events\": [\n      { \"title\": \"Good Friday\", \"date\": \"2026-04-03\" },\n      { \"title\": \"Typo\", \"date\": \"2026-13-01\" }\n    ]\n  }\n}\n");

        var problem = Assert.Single(ReminderConfiguration.Build(new ReminderOptions { BankHolidaysPath = file }).Problems);

        Assert.Contains("Reminders:BankHolidaysPath", problem, StringComparison.Ordinal);
        Assert.Contains("line 5", problem, StringComparison.Ordinal);
        Assert.Contains("events[1].date", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_reminder_settings_are_each_reported_with_their_key()
    {
        var options = new ReminderOptions { BankHolidays = ["2026-12-28", "28/12/2026"] };
        options.Gates["Readiness"] = new GateReminderOptions { DaysBefore = [7, 7], EscalateToBcmAfterOverdueWorkingDays = 5, EscalateToSroAfterOverdueWorkingDays = 2 };
        options.Gates["Launch"] = new GateReminderOptions();

        var problems = ReminderConfiguration.Build(options).Problems;

        Assert.Contains(problems, p => p.StartsWith("Reminders:BankHolidays:1 '28/12/2026' is not a date", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Reminders:Gates:Readiness:DaysBefore", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Reminders:Gates:Readiness:EscalateToSroAfterOverdueWorkingDays", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Reminders:Gates:Launch is not a gate kind", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_bank_holiday_date_in_configuration_fails_options_validation_naming_the_key()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reminders:BankHolidays:0"] = "2026-02-30" }).Build();
        using var services = new ServiceCollection().AddReadinessReminders(config).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ReminderOptions>>().Value);

        Assert.Contains("Reminders:BankHolidays:0 '2026-02-30' is not a date", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The go / no-go request the gate workflow makes of the SRO once every return is approved, made directly.</summary>
    private static async Task<int> AskSroForGoLiveAsync(ReadinessFactory factory, string release)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
        var gate = await db.Gates.Include(g => g.Release).SingleAsync(g => g.Release!.Code == release && g.Kind == GateKind.GoNoGo);
        var instance = await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().EnsureStartedAsync("go-live-gate", SubjectKinds.Gate, gate.Id, CancellationToken.None);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var request = new ApprovalRequest(ApprovalKind.GoLive, instance, gate.Id, gate.ReleaseId, gate.Release!.SroUserId, null, null, "content",
            ApprovalTokens.Create().Hash, now.AddDays(30), gate.DueOn(gate.Release.GoLive), now);
        db.ApprovalRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    private static async Task<ReminderSweepResult> SweepAsync(ReadinessFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None);
    }

    private static Task<(int Digests, int Logs, int Emails)> CountsAsync(ReadinessFactory factory) => factory.WithDbAsync(async db =>
        (await db.ReminderDigests.CountAsync(), await db.ReminderLogs.CountAsync(), await db.Outbox.CountAsync(m => m.Kind == ReminderDigestEmail.Kind)));

    private static Task<List<DateOnly>> DaysRemindedAsync(ReadinessFactory factory, int returnId, string email) => factory.WithDbAsync(db =>
        (from l in db.ReminderLogs
         join u in db.Users on l.RecipientUserId equals u.Id
         where l.ItemKind == ReminderSweep.ReturnItem && l.ItemId == returnId && u.Email == email
         orderby l.Day
         select l.Day).ToListAsync());

    private static Task<int> ReturnIdAsync(ReadinessFactory factory, string release, string area) => factory.WithDbAsync(db =>
        (from a in db.Assessments
         join r in db.Releases on a.ReleaseId equals r.Id
         join b in db.BusinessAreas on a.BusinessAreaId equals b.Id
         where r.Code == release && b.Code == area
         select a.Id).SingleAsync());
}
