using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Readiness.BrowserTests.Infrastructure;

/// <summary>
/// Runs axe-core (the copy embedded in Deque.AxeCore.Commons, injected into the page; nothing is fetched) and
/// fails on any violation whose impact is serious or critical, listing each one.
/// </summary>
public static class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        // Not into frames: the one frame the app has (the demo inbox's email preview) is sandboxed without scripts, and
        // axe waiting for a script to run in it never returns. The email's own markup is not a page of the app.
        var result = await page.RunAxe(new AxeRunOptions { Iframes = false });
        var serious = result.Violations.Where(v => Blocking.Contains(v.Impact, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.True(serious.Count == 0, $"axe found {serious.Count} serious or critical violation(s) on {what} ({page.Url}):\n" + Describe(serious));
    }

    public static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(v =>
        $"- {v.Id} [{v.Impact}] {v.Help} {v.HelpUrl}\n" +
        string.Join("\n", v.Nodes.Select(n => $"    at {n.Target}: {Trim(n.Html)}"))));

    private static string Trim(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
