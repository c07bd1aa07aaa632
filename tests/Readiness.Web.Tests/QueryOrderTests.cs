using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Persistence;
using Readiness.Web.Tests.Infrastructure;
using Readiness.Web.Tests.Security;

namespace Readiness.Web.Tests;

/// <summary>
/// No page's query picks a row, or makes rows distinct, in no particular order. EF Core warns of such a query once, when
/// it first compiles it, and the warning is easily lost in a log; here the two warnings are errors, on an app of its own
/// (a warning configuration of its own gives it EF Core's own services and query cache, so every query is compiled
/// afresh for it), and every page is opened by someone it is for.
/// </summary>
/// <remarks>
/// <c>Skip</c>/<c>Take</c> without an <c>OrderBy</c> is not among them: the tracker caps its count of a filter by area
/// with <c>Take(n).Count()</c> (GateTracker), the same whatever the order, and ordering it would sort every match, the
/// cost the cap is there to avoid. Every page's own rows are sorted before they are paged.
/// </remarks>
public sealed class QueryOrderTests : IAsyncLifetime
{
    private ReadinessFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new ReadinessFactory(services: s => s.ConfigureDbContext<ReadinessDbContext>(o => o.ConfigureWarnings(w => w.Throw(
            CoreEventId.FirstWithoutOrderByAndFilterWarning,
            CoreEventId.DistinctAfterOrderByWithoutRowLimitingOperatorWarning))));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task No_page_reads_a_row_or_distinct_rows_in_no_particular_order()
    {
        var browsers = await AppPages.BrowsersAsync(_factory);
        var failed = new StringBuilder();
        var opened = 0;
        foreach (var route in await AppPages.AllAsync(_factory))
        {
            var url = AppPages.PathOf(route.Pattern);
            using var response = await browsers[route.Identity].Client.GetAsync(url);
            opened++;
            if (response.StatusCode == HttpStatusCode.InternalServerError) failed.AppendLine($"{url} as {route.Identity}: 500");
        }
        Assert.True(opened > 40, $"Only {opened} pages were opened.");
        Assert.True(failed.Length == 0, "Pages whose queries pick rows in no particular order (EF Core's warning, thrown here):\n" + failed);
    }
}
