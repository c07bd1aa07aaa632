using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Readiness.BrowserTests.Infrastructure;

/// <summary>
/// Waiting for a page to arrive after a click, without Playwright's <c>WaitForURLAsync</c>.
/// </summary>
/// <remarks>
/// Playwright for .NET checks the address and the load state on the test's thread, then subscribes to the event on
/// the thread that delivers the browser's messages. A <c>load</c> that arrives between the check and the subscription
/// is lost, and the wait times out with the page long loaded (microsoft/playwright-dotnet#3364; CI met it once, at
/// sign-in, with only "NetworkIdle event fired" in its log). Here the address is asserted by the server-side poll of
/// <c>ToHaveURLAsync</c>, which has no event to lose, and the load state is asked for in short waits: a state that
/// arrived is recorded, so the next ask finds it at the check.
/// </remarks>
public static class Arrival
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const float AskEveryMs = 1_000;

    /// <summary>Waits until the address matches <paramref name="address"/> and its page has loaded.</summary>
    public static async Task AtAsync(IPage page, Regex address)
    {
        await Expect(page).ToHaveURLAsync(address, new() { Timeout = (float)Patience.TotalMilliseconds });
        await LoadedAsync(page);
    }

    /// <summary>Waits until the address no longer matches <paramref name="address"/> and the new page has loaded.</summary>
    public static async Task AwayFromAsync(IPage page, Regex address)
    {
        await Expect(page).Not.ToHaveURLAsync(address, new() { Timeout = (float)Patience.TotalMilliseconds });
        await LoadedAsync(page);
    }

    /// <summary>Waits for <paramref name="state"/> of the current page, asking again each second up to the patience.</summary>
    public static async Task LoadedAsync(IPage page, LoadState state = LoadState.Load)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                await page.WaitForLoadStateAsync(state, new() { Timeout = AskEveryMs });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // Either the page is still loading or the state arrived unseen: the next ask tells which.
            }
        }
    }
}
