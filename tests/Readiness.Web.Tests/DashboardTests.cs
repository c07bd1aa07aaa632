using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Identity;
using Readiness.Core.Workflows;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The home page is each person's dashboard, one section per role, on the seeded portfolio (today is Monday
/// 2 March 2026): a team lead's returns, a BCM's decisions and returns coming, an SRO's releases, the PMO's portfolio.
/// </summary>
public sealed class DashboardTests : EmailedAppTest
{
    private const string Pmo = "pmo@readiness.demo";

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<IDocument> HomeAsync(string email) => await (await Driver.SignedInAsync(email)).GetAsync("/");

    [Fact]
    public async Task A_team_lead_sees_their_returns_by_due_date_with_progress_and_what_is_left()
    {
        var home = await HomeAsync("tl.custody@readiness.demo");

        var items = home.QuerySelectorAll("[data-testid=dashboard-teamlead] li[data-return]").ToList();
        Assert.NotEmpty(items);
        var custody = items.Single(i => i.TextContent.Contains("CONNECT Phase 1", StringComparison.Ordinal));
        Assert.Matches(@"0 of \d+ answered \(0%\); \d+ question\(s\) left", Squash(custody.TextContent));
        Assert.Null(home.QuerySelector("[data-testid=dashboard-bcm]"));
        Assert.Null(home.QuerySelector("[data-testid=dashboard-pmo]"));
    }

    [Fact]
    public async Task A_bcm_sees_the_decision_waiting_with_time_left_and_the_returns_still_to_come()
    {
        await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");

        var section = (await HomeAsync("bcm.justice@readiness.demo")).QuerySelector("[data-testid=dashboard-bcm]")!;

        var waiting = Assert.Single(section.QuerySelectorAll("li[data-request]"));
        Assert.Contains("Custody readiness return – CONNECT-P1", waiting.TextContent, StringComparison.Ordinal);
        Assert.Matches("Due in \\d+ days|Due today|Due tomorrow|overdue", waiting.QuerySelector(".govuk-task-list__status")!.TextContent);
        var coming = section.QuerySelectorAll("[data-testid=coming] tbody tr").Select(r => Squash(r.TextContent)).ToList();
        Assert.Contains(coming, r => r.StartsWith("Property and Exhibits – CONNECT-P1", StringComparison.Ordinal));
        Assert.DoesNotContain(coming, r => r.StartsWith("Custody – CONNECT-P1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_sro_sees_each_release_with_its_readiness_burn_up_and_open_conditions()
    {
        await Driver.SubmitAndDecideAsync("CONNECT-P1", "CUSTODY");

        var section = (await HomeAsync("sro.connect@readiness.demo")).QuerySelector("[data-testid=dashboard-sro]")!;

        var card = section.QuerySelector("article[data-release='CONNECT-P1']")!;
        Assert.Equal("1 of 15 returns approved, 1 submitted.", Squash(card.QuerySelector("[data-testid=readiness]")!.TextContent));
        Assert.NotNull(card.QuerySelector("canvas[data-chart]"));
        Assert.Equal("No open conditions.", Squash(card.QuerySelector("[data-testid=conditions]")!.TextContent));
    }

    [Fact]
    public async Task The_pmo_sees_the_portfolio_at_a_glance_and_each_figure_links_to_the_list_it_counts()
    {
        var browser = await Driver.SignedInAsync(Pmo);
        var section = (await browser.GetAsync("/")).QuerySelector("[data-testid=dashboard-pmo]")!;

        foreach (var (card, href) in new[] { ("overdue", "/Portfolio/Tracker?Status=Overdue"), ("this-week", "/Portfolio/Tracker?Status=DueThisWeek") })
        {
            var stat = section.QuerySelector($"[data-testid={card}] a.app-stat")!;
            Assert.Equal(href, stat.GetAttribute("href"));
            Assert.Equal(await MatchingAsync(browser, href), int.Parse(Squash(stat.TextContent).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        var notScored = section.QuerySelectorAll("[data-testid=rag-links] a").Single(a => a.TextContent.Contains("not scored", StringComparison.Ordinal));
        Assert.Equal(await MatchingAsync(browser, notScored.GetAttribute("href")!), int.Parse(notScored.TextContent.Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("101 call answer time", section.QuerySelector("[data-testid=alerts]")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(section.QuerySelectorAll("[data-testid=over-tolerance] a[href^='/Portfolio/Heatmap/Cell']"));
        Assert.Equal(3, section.QuerySelectorAll("canvas[data-chart]").Length);
    }

    /// <summary>How many gates the tracker lists at <paramref name="href"/> (its caption says "Gates 1–25 of N matching the filter").</summary>
    private static async Task<int> MatchingAsync(Browser browser, string href)
    {
        var page = await browser.GetAsync(href);
        if (page.QuerySelector("[data-testid=no-gates]") is not null) return 0;
        var caption = Squash(page.QuerySelector("[data-testid=tracker] caption")!.TextContent);
        var match = System.Text.RegularExpressions.Regex.Match(caption, @"of (\d+) matching");
        Assert.True(match.Success, caption);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_person_with_several_roles_sees_a_section_for_each()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ReadinessUser>>();
            var bcm = await users.FindByEmailAsync("bcm.justice@readiness.demo");
            Assert.True((await users.AddToRoleAsync(bcm!, Roles.Sro)).Succeeded);
        }

        var home = await HomeAsync("bcm.justice@readiness.demo");

        Assert.NotNull(home.QuerySelector("[data-testid=dashboard-bcm]"));
        Assert.NotNull(home.QuerySelector("[data-testid=dashboard-sro]"));
        Assert.Null(home.QuerySelector("[data-testid=dashboard-pmo]"));
    }

    [Fact]
    public async Task The_pmo_layout_shows_the_open_incidents_as_a_badge_on_the_incidents_link()
    {
        await Factory.WithDbAsync(async db =>
        {
            db.Incidents.Add(new Incident("EmailFailed", "Email 1", "550 mailbox unknown", ReadinessFactory.DefaultNow.UtcDateTime));
            db.Incidents.Add(new Incident("EmailFailed", "Email 2", "550 mailbox unknown", ReadinessFactory.DefaultNow.UtcDateTime));
            return await db.SaveChangesAsync();
        });

        var pmo = await HomeAsync(Pmo);
        var bcm = await HomeAsync("bcm.justice@readiness.demo");

        var badge = pmo.QuerySelector("nav a[href='/Incidents'] .moj-badge")!;
        Assert.Equal("2 open", Squash(badge.TextContent));
        Assert.Null(bcm.QuerySelector("nav a[href='/Incidents']"));
    }
}
