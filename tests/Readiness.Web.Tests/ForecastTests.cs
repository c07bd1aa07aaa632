using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Portfolio;
using Readiness.Core.Reminders;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The readiness forecast on the real app (fake clock: Monday 2 Mar 2026, demo activity off). LD-WAVE1's five
/// readiness returns are due Thursday 5 Mar — three working days away, inside the fourteen days from which a gate
/// forecast short is flagged; CONNECT-P1's go / no-go gate is due Thursday 19 Mar, seventeen days away.
/// </summary>
public sealed class ForecastTests : EmailedAppTest
{
    private const string Pmo = "pmo@readiness.demo";

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<IElement> TrackerRowAsync(string programme, string release, string gate)
    {
        var page = await (await Driver.SignedInAsync(Pmo)).GetAsync($"/Portfolio/Tracker?Programme={programme}");
        return page.QuerySelector($"tr[data-release='{release}'][data-gate='{gate}']")!;
    }

    [Fact]
    public async Task A_gate_with_nothing_moving_three_days_before_it_is_due_is_forecast_short_on_the_tracker()
    {
        var row = await TrackerRowAsync("LOCAL-DESPATCH", "LD-WAVE1", "Readiness");

        Assert.Equal("forecast 0 of 5 by Thu 5 Mar 2026", Squash(row.QuerySelector("[data-testid=forecast]")!.TextContent));
        Assert.Equal("⚠ Forecast short by 5", Squash(row.QuerySelector("[data-testid=forecast-short]")!.TextContent));
        Assert.Equal("0 of 5", Squash(row.QuerySelector("[data-testid=approved]")!.TextContent));
    }

    [Fact]
    public async Task A_short_gate_further_than_fourteen_days_away_shows_its_forecast_without_a_flag_and_the_page_says_the_method()
    {
        var page = await (await Driver.SignedInAsync(Pmo)).GetAsync("/Portfolio/Tracker?Programme=CONNECT");
        var goNoGo = page.QuerySelector("tr[data-release='CONNECT-P1'][data-gate='GoNoGo']")!;

        Assert.Equal("forecast 0 of 15 by Thu 19 Mar 2026", Squash(goNoGo.QuerySelector("[data-testid=forecast]")!.TextContent));
        Assert.Null(goNoGo.QuerySelector("[data-testid=forecast-short]"));
        // The overdue readiness gate has no forecast: it is already flagged overdue.
        Assert.Null(page.QuerySelector("tr[data-release='CONNECT-P1'][data-gate='Readiness'] [data-testid=forecast]"));
        Assert.Contains("last 10 working days", page.QuerySelector("[data-testid=forecast-method]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approvals_at_a_pace_that_finishes_in_time_put_the_gate_on_track()
    {
        // Four of five approved today: 0.4 a working day over the 3 working days left is 1.2 more.
        foreach (var area in new[] { "BCU-CW", "BCU-CN", "BCU-AS", "BCU-CE" }) await Driver.SubmitAndDecideAsync("LD-WAVE1", area);

        var row = await TrackerRowAsync("LOCAL-DESPATCH", "LD-WAVE1", "Readiness");

        Assert.Equal("forecast 5 of 5 by Thu 5 Mar 2026", Squash(row.QuerySelector("[data-testid=forecast]")!.TextContent));
        Assert.Null(row.QuerySelector("[data-testid=forecast-short]"));
    }

    [Fact]
    public async Task The_release_page_draws_the_burn_up_with_the_forecast_line_to_the_next_gate()
    {
        await Driver.SubmitAndDecideAsync("LD-WAVE1", "BCU-CW");

        var page = await (await Driver.SignedInAsync("sro.command@readiness.demo")).GetAsync("/Releases/LD-WAVE1");

        var section = page.QuerySelector("[data-testid=release-forecast]")!;
        Assert.StartsWith("Business readiness, due Thu 5 Mar 2026: forecast 1 of 5 returns approved (today 1 approved, 1 submitted).",
            Squash(section.QuerySelector("[data-testid=forecast-summary]")!.TextContent), StringComparison.Ordinal);
        using var chart = JsonDocument.Parse(section.QuerySelector("canvas")!.GetAttribute("data-chart")!);
        var series = chart.RootElement.GetProperty("series").EnumerateArray().ToList();
        var forecast = series.Single(s => s.GetProperty("label").GetString() == "Forecast approved").GetProperty("values");
        var labels = chart.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Equal("5 Mar", labels[^1]); // the chart runs to the gate's due date
        Assert.Equal(JsonValueKind.Number, forecast[forecast.GetArrayLength() - 1].ValueKind);
        Assert.Contains("⚠ Forecast short by 4", Squash(page.QuerySelector("[data-testid=gates] tr[data-gate=Readiness]")!.TextContent), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("script[src^='/js/dashboard.js']"));
    }

    [Fact]
    public async Task The_daily_digest_of_the_PMO_lists_the_gates_forecast_short_in_a_section_of_its_own()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None);

        var mails = await Factory.WithDbAsync(db => db.Outbox.Where(m => m.Kind == ReminderDigestEmail.Kind).Select(m => new { m.ToAddress, m.TextBody }).ToListAsync());
        var pmo = mails.Single(m => m.ToAddress == Pmo).TextBody;
        Assert.Contains(ForecastReminders.Section, pmo, StringComparison.Ordinal);
        Assert.Contains("Due Thu 5 Mar 2026 (in 3 days): LD-WAVE1 Business readiness: forecast 0 of 5 returns approved (0 now); short by 5", pmo, StringComparison.Ordinal);
        Assert.Contains("/Releases/LD-WAVE1", pmo, StringComparison.Ordinal);
        Assert.Single(mails, m => m.ToAddress == "pmo.analyst@readiness.demo");
        // Only the PMO hear about forecasts; a team lead's digest is about their own returns.
        Assert.DoesNotContain(ForecastReminders.Section, mails.Single(m => m.ToAddress == "tl.centralwest@readiness.demo").TextBody, StringComparison.Ordinal);
        var logged = await Factory.WithDbAsync(db => db.ReminderLogs.CountAsync(l => l.ItemKind == ForecastReminders.ItemKind));
        Assert.Equal(2, logged); // one gate, two PMO people
    }
}
