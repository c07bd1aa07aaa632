using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Benefits;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages.Benefits;

/// <summary>One programme's benefits, each with its profile against what was measured.</summary>
public class ProgrammeModel(BenefitQueries queries, Actor actor) : PageModel
{
    public string Name { get; private set; } = "";
    public IReadOnlyList<BenefitView> Benefits { get; private set; } = [];
    public string EmptyWords => $"{Name} has no benefits recorded yet.";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var name = await queries.ProgrammeNameAsync(code, ct);
        if (name is null) return NotFound();
        Name = name;
        Benefits = await queries.ForProgrammeAsync(actor, code, ct);
        return Page();
    }
}
