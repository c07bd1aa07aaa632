using Microsoft.EntityFrameworkCore;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// A return reads as people write: dates as "Thu 17 Dec 2026", percentages with "%", and a date rule relative to
/// go-live given with the date it works out to (CONNECT Phase 1 goes live on Thu 26 Mar 2026 in the tests).
/// </summary>
public sealed class ReturnWordsTests : IDisposable
{
    private readonly ReadinessFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<(Browser Browser, ReturnDriver Driver, int Id)> CustodyReturnAsync()
    {
        var browser = new Browser(_factory.CreateBrowser());
        await browser.SignInAsync("tl.custody@readiness.demo");
        var driver = new ReturnDriver(_factory, browser);
        return (browser, driver, await driver.ReturnIdAsync("CONNECT-P1", "CUSTODY"));
    }

    [Fact]
    public async Task The_date_rule_says_the_date_it_works_out_to()
    {
        var (browser, _, id) = await CustodyReturnAsync();

        var page = await browser.GetAsync($"/Assessments/Edit/{id}?section=1");

        var hint = page.QuerySelectorAll(".govuk-hint").Select(h => h.TextContent).Single(t => t.Contains("on or before", StringComparison.Ordinal));
        Assert.Contains("Passes on or before Thu 19 Mar 2026 (T-7)", hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_read_only_return_writes_dates_out_and_shows_percentages_with_their_unit()
    {
        var (browser, driver, id) = await CustodyReturnAsync();
        await driver.AnswerSectionAsync(id, 1, c => c.Code switch
        {
            "PT-02" => ("92", "", ""),
            "PT-05" => ("2026-03-12", "", ""),
            _ => ("", "", ""),
        });
        var criteria = await _factory.WithDbAsync(db => db.Criteria.Where(c => c.Code == "PT-02" || c.Code == "PT-05").ToDictionaryAsync(c => c.Code, c => c.Id));

        var page = await browser.GetAsync($"/Assessments/View/{id}");

        string Answer(string code) => page.QuerySelector($"[data-criterion='{criteria[code]}'] [data-testid=answer]")!.TextContent.Trim();
        Assert.Equal("92%", Answer("PT-02"));
        Assert.Equal("Thu 12 Mar 2026", Answer("PT-05"));
    }
}
