using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Indicators;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// Late indicator readings on the real seeded data. THRIVE-BCU went live 21 days before the test clock's start and its
/// indicators' newest readings are from that day, due every 3 days: with the default grace of one day they are on
/// schedule at the start and late five days later (due on day 24, late from day 26).
/// </summary>
public sealed class IndicatorLatenessTests : IAsyncLifetime
{
    private const string Call = "CALL-101";
    private const string CallName = "101 call answer time";
    private ReadinessFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = new ReadinessFactory();
        _ = _factory.Server; // start: migrate, seed, first indicator check
        await Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<CheckSummary> RunCheckAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IndicatorCheck>().RunAsync(CancellationToken.None);
    }

    private Task<LeadIndicator> IndicatorAsync(string code) => _factory.WithDbAsync(db => db.LeadIndicators.SingleAsync(i => i.Code == code));

    private Task<DateOnly> GoLiveAsync() => _factory.WithDbAsync(db => db.Releases.Where(r => r.Code == "THRIVE-BCU").Select(r => r.GoLive).SingleAsync());

    private Task<List<string>> LateNoticesAboutCallAsync() => _factory.WithDbAsync(db => db.Outbox
        .Where(m => m.Kind == LateReadingNotice.EmailKind && m.Subject.Contains(CallName)).Select(m => m.ToAddress).ToListAsync());

    private Task<List<string>> BcmsOfAsync(int areaId) => _factory.WithDbAsync(db =>
        (from m in db.AreaMemberships
         join u in db.Users on m.UserId equals u.Id
         where m.BusinessAreaId == areaId && m.Role == AreaRole.Bcm
         select u.Email!).ToListAsync());

    [Fact]
    public async Task A_late_reading_emails_the_areas_bcms_once_however_often_the_check_runs()
    {
        Assert.Equal(0, (await RunCheckAsync()).LateNotices); // on schedule at the start
        _factory.Clock.Advance(TimeSpan.FromDays(5));

        var first = await RunCheckAsync();
        for (var run = 0; run < 3; run++) Assert.Equal(0, (await RunCheckAsync()).LateNotices);

        Assert.Equal(3, first.LateNotices); // the release's three indicators all stopped on the same day
        var call = await IndicatorAsync(Call);
        var bcms = await BcmsOfAsync(call.BusinessAreaId);
        Assert.NotEmpty(bcms);
        Assert.Equal(bcms.Order(StringComparer.Ordinal), (await LateNoticesAboutCallAsync()).Order(StringComparer.Ordinal));
        var log = await _factory.WithDbAsync(db => db.ReminderLogs.Where(l => l.ItemKind == LateReadingNotice.ItemKind && l.ItemId == call.Id).ToListAsync());
        var dueOn = (await GoLiveAsync()).AddDays(24);
        Assert.Equal(bcms.Count, log.Count);
        Assert.All(log, l => Assert.Equal(dueOn, l.Day));
        Assert.All(log, l => Assert.NotNull(l.OutboxMessageId));
        Assert.Equal(3, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "indicator.reading.late")));
    }

    [Fact]
    public async Task A_new_reading_ends_the_episode_and_a_later_lateness_sends_a_second_notice()
    {
        var call = await IndicatorAsync(Call);
        var bcmCount = (await BcmsOfAsync(call.BusinessAreaId)).Count;
        _factory.Clock.Advance(TimeSpan.FromDays(5));
        await RunCheckAsync();
        Assert.Equal(bcmCount, (await LateNoticesAboutCallAsync()).Count);

        var goLive = await GoLiveAsync();
        await _factory.WithDbAsync(async db =>
        {
            db.IndicatorReadings.Add(new IndicatorReading(call.Id, goLive.AddDays(26), 52, IndicatorSource.Manual, null, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        await RunCheckAsync();
        Assert.Equal(bcmCount, (await LateNoticesAboutCallAsync()).Count); // the new reading ends the episode: nothing more to say

        _factory.Clock.Advance(TimeSpan.FromDays(5)); // day 31: the reading due on day 29 has not arrived
        await RunCheckAsync();
        await RunCheckAsync();

        Assert.Equal(2 * bcmCount, (await LateNoticesAboutCallAsync()).Count);
        var days = await _factory.WithDbAsync(db => db.ReminderLogs.Where(l => l.ItemKind == LateReadingNotice.ItemKind && l.ItemId == call.Id)
            .Select(l => l.Day).Distinct().ToListAsync());
        Assert.Equal([goLive.AddDays(24), goLive.AddDays(29)], days.Order());
    }

    [Fact]
    public async Task The_release_page_and_the_indicator_page_say_in_words_that_a_reading_is_late()
    {
        var call = await IndicatorAsync(Call);
        var expected = (await GoLiveAsync()).AddDays(24);
        var words = $"Reading late — last reading 5 days ago; expected by {ReadingLate.Date(expected)}";

        var pmo = new Browser(_factory.CreateBrowser());
        await pmo.SignInAsync("pmo@readiness.demo");
        Assert.Null((await pmo.GetAsync($"/Indicators/{call.Id}")).QuerySelector("[data-testid=reading-late]")); // on schedule today

        _factory.Clock.Advance(TimeSpan.FromDays(5));
        pmo = new Browser(_factory.CreateBrowser()); // days later: a fresh sign-in
        await pmo.SignInAsync("pmo@readiness.demo");
        var release = await pmo.GetAsync("/Releases/THRIVE-BCU/Indicators");
        var indicator = await pmo.GetAsync($"/Indicators/{call.Id}");

        var card = release.QuerySelectorAll("[data-testid=lead-indicators] h3").Single(h => h.TextContent.Trim() == CallName).ParentElement!;
        Assert.Equal(words, card.QuerySelector("[data-testid=reading-late]")!.TextContent.Replace("⏱", "", StringComparison.Ordinal).Trim());
        Assert.Equal(3, release.QuerySelectorAll("[data-testid=reading-late]").Length);
        Assert.Equal(words, indicator.QuerySelector("[data-testid=reading-late]")!.TextContent.Replace("⏱", "", StringComparison.Ordinal).Trim());
    }
}
