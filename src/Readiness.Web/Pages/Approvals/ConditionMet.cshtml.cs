using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Approvals;

/// <summary>Records that a condition is met (lifting its block on Go), with a note on how.</summary>
public class ConditionMetModel(ConditionCommands conditions, ReadinessDbContext db, Actor actor) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Say how the condition was met"), Display(Name = "How was it met?")]
    public string? Note { get; set; }

    public ApprovalCondition Condition { get; private set; } = null!;
    public string ReleaseCode { get; private set; } = "";
    public IReadOnlyList<ErrorLink> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (ModelState.IsValid)
        {
            var result = await conditions.MarkMetAsync(actor, id, Note!, HttpContext.Origin(), ct);
            if (result.Succeeded)
            {
                TempData["Flash"] = "Condition recorded as met.";
                return Redirect($"/Releases/{ReleaseCode}");
            }
            if (this.Refusal(result.Failure) is { } refused) return refused;
            this.Show(result.Failure!);
        }
        Errors = ErrorLink.From(ModelState);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var condition = await db.ApprovalConditions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (condition is null) return false;
        Condition = condition;
        ReleaseCode = await db.Releases.Where(r => r.Id == condition.ReleaseId).Select(r => r.Code).SingleAsync(ct);
        return true;
    }
}
