using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Web.Infrastructure;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The app renders its sign-in page once while the start-up work seeds the database (<see cref="FirstRequestWarmUp"/>),
/// through its own pipeline: it must render it as a visitor gets it, and leave nothing behind (no key of its own, no row).
/// </summary>
public sealed class FirstRequestWarmUpTests
{
    [Fact]
    public async Task The_sign_in_page_is_rendered_ahead_of_the_first_visitor_and_leaves_nothing_behind()
    {
        using var factory = new ReadinessFactory();
        using var browser = factory.CreateBrowser(); // the host has started: the start-up work is done

        var rendered = await factory.Services.GetRequiredService<FirstRequestWarmUp>().Rendered.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((int)HttpStatusCode.OK, rendered);
        // It waited for the start-up work's first key rather than making one of its own beside it.
        Assert.Equal(1, await factory.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.LastSignInAtUtc != null)));
        var page = await browser.GetAsync(new Uri(FirstRequestWarmUp.PagePath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sign in", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
