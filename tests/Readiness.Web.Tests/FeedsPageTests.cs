using Microsoft.EntityFrameworkCore;
using Readiness.Core.Portfolio;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The calendar feeds page stays a page at any number of programmes: 100 a page by name with page links, and a search
/// by code or name (it listed every programme: 200 KB of links at 800 programmes). Every business area is listed.
/// </summary>
public sealed class FeedsPageTests : IAsyncLifetime
{
    private readonly ReadinessFactory _factory = new();

    public async Task InitializeAsync() => await _factory.WithDbAsync(async db =>
    {
        db.Programmes.AddRange(Enumerable.Range(1, 150).Select(i => new Programme($"GEN-{i:000}", $"Generated programme {i:000}", "Made by the feeds page test.")));
        return await db.SaveChangesAsync();
    });

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Programmes_are_listed_a_page_at_a_time_by_name_and_found_by_code_or_name()
    {
        var pmo = new Browser(_factory.CreateBrowser());
        await pmo.SignInAsync("pmo@readiness.demo");
        var (all, areas) = await _factory.WithDbAsync(async db => (
            await db.Programmes.OrderBy(p => p.Name).ThenBy(p => p.Code).Select(p => p.Name).ToListAsync(), await db.BusinessAreas.CountAsync()));
        string[] Names(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("[data-testid=programme-feeds] a").Select(a => a.TextContent).ToArray();

        var first = await pmo.GetAsync("/Portfolio/Feeds");
        Assert.Equal(all.Take(FeedDirectory.PageSize), Names(first));
        Assert.Contains($"By programme ({all.Count})", first.QuerySelector("#by-programme")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(areas, first.QuerySelectorAll("[data-testid=area-feeds] a").Length);
        Assert.NotNull(first.QuerySelector("nav.govuk-pagination a[rel=next]"));

        var second = await pmo.GetAsync("/Portfolio/Feeds?p=2");
        Assert.Equal(all.Skip(FeedDirectory.PageSize), Names(second));

        var found = await pmo.GetAsync("/Portfolio/Feeds?q=gen-12");
        Assert.Equal(Enumerable.Range(120, 10).Select(i => $"Generated programme {i}"), Names(found));
        Assert.Contains("matching “gen-12”", found.QuerySelector("#by-programme")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("programme=GEN-120&", found.QuerySelector("[data-testid=programme-feeds] a")!.GetAttribute("href"), StringComparison.Ordinal);
    }
}
