using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Releases;

/// <summary>
/// "What if go-live moved by N weeks?" for one release: its training and change-load warnings as planned and as they
/// would be, side by side. A GET form; nothing is saved and nothing moves.
/// </summary>
public class WhatIfModel(ReleaseWhatIf whatIf) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";

    /// <summary>Weeks to move T0 by: negative brings it forward. Empty shows the release as planned.</summary>
    [BindProperty(SupportsGet = true)] public int? Weeks { get; set; }

    public WhatIfView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var valid = ModelState.IsValid && Weeks is null or (>= -ReleaseWhatIf.MaxShiftWeeks and <= ReleaseWhatIf.MaxShiftWeeks);
        if (!valid)
        {
            ModelState.Clear();
            ModelState.AddModelError(nameof(Weeks), $"Enter a whole number of weeks from -{ReleaseWhatIf.MaxShiftWeeks} to {ReleaseWhatIf.MaxShiftWeeks}, e.g. 2 for two weeks later or -2 for two weeks earlier.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        var view = await whatIf.ForAsync(Code, valid ? Weeks ?? 0 : 0, ct);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    /// <summary>"2 weeks later", "1 week earlier".</summary>
    public static string ShiftWords(int weeks) => $"{Math.Abs(weeks)} week{(Math.Abs(weeks) == 1 ? "" : "s")} {(weeks > 0 ? "later" : "earlier")}";

    public static string Count(int n, string what) => n == 0 ? "none" : $"{n} {what}{(n == 1 ? "" : "s")}";
}
