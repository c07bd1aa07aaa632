using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Assessments;

/// <summary>"Check your answers and submit": shows what still needs attention, then submits the version the person checked.</summary>
public class SubmitModel(ReturnQueries queries, ReturnCommands commands, Actor actor) : PageModel
{
    [BindProperty]
    public int CheckedVersion { get; set; }

    public ReturnView View { get; private set; } = null!;
    public IReadOnlyList<ErrorLink> Errors { get; private set; } = [];
    public string? ConflictMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var result = await commands.SubmitAsync(actor, id, CheckedVersion, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = $"Return submitted. Score {result.Value!.Score:0.#} – {result.Value.Rag}.";
            return RedirectToPage("View", new { id });
        }
        if (this.Refusal(result.Failure) is { } refused) return refused;
        var loaded = await LoadAsync(id, ct);
        if (loaded is not null) return loaded;
        Response.StatusCode = ResultPages.StatusCodeOf(result.Failure!.Kind);
        if (result.Failure.Kind == FailureKind.Invalid)
            Errors = View.Card.Errors.Select(e => new ErrorLink(e.Message, EditLink(e.CriterionId, e.Field))).ToList();
        else
            ConflictMessage = result.Failure.Message;
        return Page();
    }

    public string EditLink(int criterionId, AnswerField field)
    {
        var section = View.Template.Sections.FindIndex(s => s.Criteria.Any(c => c.Id == criterionId)) + 1;
        return $"/Assessments/Edit/{View.AssessmentId}?section={section}&check=true#{Display.FieldId(criterionId, field)}";
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var result = await queries.GetAsync(actor, id, ct);
        if (!result.Succeeded) return NotFound();
        View = result.Value!;
        if (!View.CanEdit) return RedirectToPage("View", new { id });
        CheckedVersion = View.Version;
        return null;
    }
}
