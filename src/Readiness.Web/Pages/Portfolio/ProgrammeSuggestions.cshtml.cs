using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>
/// The programme boxes' suggestions once the portfolio has more programmes than a page should carry
/// (<see cref="PortfolioChoices.InlineLimit"/>): the first <see cref="PortfolioChoices.SuggestionLimit"/> by name whose
/// code or name holds what was typed, as JSON. Programme names are no secret from anyone signed in (the releases list
/// shows them all).
/// </summary>
[Authorize]
public class ProgrammeSuggestionsModel(PortfolioChoices choices) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? q, CancellationToken ct)
    {
        // A search box's text, not a document: anything longer than a programme's name matches nothing useful.
        if (q is { Length: > 200 }) return BadRequest("Type at most 200 characters to search the programmes.");
        var found = await choices.SuggestProgrammesAsync(q, ct);
        return new JsonResult(found.Select(p => new { code = p.Code, name = p.Name }));
    }
}
