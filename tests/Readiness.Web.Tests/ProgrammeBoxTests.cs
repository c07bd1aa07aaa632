using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Portfolio;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The programme boxes of the tracker, the releases list and the timeline: every programme in the page while there are
/// few; past <see cref="PortfolioChoices.InlineLimit"/> none is sent with the page (the tracker carried 800 suggestions
/// at ten times the report's size) and the box asks for suggestions as the person types, and still takes a code or a name.
/// </summary>
public sealed class ProgrammeBoxTests : IAsyncLifetime
{
    private const string Connect = "CONNECT";
    private readonly ReadinessFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private Task<int> AddProgrammesAsync(int count) => _factory.WithDbAsync(async db =>
    {
        db.Programmes.AddRange(Enumerable.Range(1, count).Select(i => new Programme($"GEN-{i:000}", $"Generated programme {i:000}", "Made by the programme box test.")));
        return await db.SaveChangesAsync();
    });

    private async Task<Browser> PmoAsync()
    {
        var pmo = new Browser(_factory.CreateBrowser());
        await pmo.SignInAsync("pmo@readiness.demo");
        return pmo;
    }

    private static List<string?> Offered(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("datalist#Programme-choices option").Select(o => o.GetAttribute("value")).ToList();

    private static List<string> Rows(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("tr[data-release]").Select(tr => tr.GetAttribute("data-release") + "/" + tr.GetAttribute("data-gate")).ToList();

    [Fact]
    public async Task A_few_programmes_are_all_in_the_page_and_need_no_script()
    {
        var pmo = await PmoAsync();
        var total = await _factory.WithDbAsync(db => db.Programmes.CountAsync());
        Assert.True(total <= PortfolioChoices.InlineLimit, $"The demo has {total} programmes.");
        foreach (var url in new[] { "/Portfolio/Tracker", "/Releases", "/Portfolio/Timeline" })
        {
            var page = await pmo.GetAsync(url);
            Assert.Equal(total, Offered(page).Count);
            Assert.Null(page.QuerySelector("datalist#Programme-choices")!.GetAttribute("data-suggest-url"));
        }
    }

    [Fact]
    public async Task Past_the_limit_no_programme_is_sent_with_the_page_and_a_typed_name_still_filters()
    {
        await AddProgrammesAsync(PortfolioChoices.InlineLimit);
        var pmo = await PmoAsync();
        var total = await _factory.WithDbAsync(db => db.Programmes.CountAsync());

        foreach (var url in new[] { "/Portfolio/Tracker", "/Releases", "/Portfolio/Timeline" })
        {
            var page = await pmo.GetAsync(url);
            Assert.Empty(Offered(page));
            Assert.Equal("/Portfolio/ProgrammeSuggestions", page.QuerySelector("datalist#Programme-choices")!.GetAttribute("data-suggest-url"));
            Assert.Contains($"choose from {total}", page.QuerySelector("#Programme-hint")!.TextContent, StringComparison.Ordinal);
        }

        // By code and by its name in another case: the same rows, the name in the box and in the selected filters.
        var byCode = await pmo.GetAsync($"/Portfolio/Tracker?Programme={Connect}");
        var byName = await pmo.GetAsync("/Portfolio/Tracker?Programme=connect");
        Assert.NotEmpty(Rows(byCode));
        Assert.Equal(Rows(byCode), Rows(byName));
        Assert.Equal([Connect], Offered(byName));
        Assert.Equal(Connect, byName.QuerySelector("input#Programme")!.GetAttribute("value"));
        Assert.Contains(Connect, byName.QuerySelector(".moj-filter__selected")!.TextContent, StringComparison.Ordinal);

        var generated = await pmo.GetAsync("/Releases?Programme=" + Uri.EscapeDataString("generated programme 042"));
        Assert.Equal("Generated programme 042", generated.QuerySelector("input#Programme")!.GetAttribute("value"));
        Assert.NotNull(generated.QuerySelector("[data-testid=no-releases]"));

        // Text naming no programme is kept as typed and matches nothing.
        var unknown = await pmo.GetAsync("/Portfolio/Tracker?Programme=" + Uri.EscapeDataString("No such programme"));
        Assert.Empty(Rows(unknown));
        Assert.Equal("No such programme", unknown.QuerySelector("input#Programme")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Suggestions_are_the_first_programmes_by_name_holding_what_was_typed()
    {
        await AddProgrammesAsync(PortfolioChoices.InlineLimit);
        var pmo = await PmoAsync();
        async Task<List<(string Code, string Name)>> SuggestAsync(string q)
        {
            var response = await pmo.GetRawAsync("/Portfolio/ProgrammeSuggestions?q=" + Uri.EscapeDataString(q));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.EnumerateArray().Select(e => (e.GetProperty("code").GetString()!, e.GetProperty("name").GetString()!)).ToList();
        }

        var generated = await SuggestAsync("generated PROGRAMME");
        Assert.Equal(Enumerable.Range(1, PortfolioChoices.SuggestionLimit).Select(i => $"Generated programme {i:000}"), generated.Select(p => p.Name));
        Assert.Equal([("GEN-042", "Generated programme 042")], await SuggestAsync("gen-042"));
        Assert.Contains((Connect, Connect), await SuggestAsync("conn"));
        Assert.Empty(await SuggestAsync("no programme has this"));

        var tooLong = await pmo.GetRawAsync("/Portfolio/ProgrammeSuggestions?q=" + new string('x', 201));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 200 characters", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var anonymous = await _factory.CreateBrowser().GetAsync("/Portfolio/ProgrammeSuggestions?q=conn");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/SignIn", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
