using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Assessments;

/// <summary>"Check your answers and submit": every answer with a change link, what still needs attention, then submits the version the person checked.</summary>
public class SubmitModel(ReturnQueries queries, ReturnCommands commands, Actor actor) : PageModel
{
    [BindProperty]
    public int CheckedVersion { get; set; }

    public ReturnView View { get; private set; } = null!;
    public string? ConflictMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var result = await commands.SubmitAsync(actor, id, CheckedVersion, ct);
        if (result.Succeeded) return RedirectToPage("Submitted", new { id });
        if (this.Refusal(result.Failure) is { } refused) return refused;
        var loaded = await LoadAsync(id, ct);
        if (loaded is not null) return loaded;
        Response.StatusCode = ResultPages.StatusCodeOf(result.Failure!.Kind);
        // Each problem links to the field on the return form that fixes it (a field of another page, so by address).
        if (result.Failure.Kind == FailureKind.Invalid)
            foreach (var e in View.Card.Errors) ModelState.AddModelError(SummaryKey(e.CriterionId, e.Field), e.Message);
        else
            ConflictMessage = result.Failure.Message;
        return Page();
    }

    /// <summary>The return form's address for one field: its section, with the check shown, at the field's id.</summary>
    public string EditLink(int criterionId, AnswerField field)
    {
        var (section, index) = Locate(criterionId);
        return $"/Assessments/Edit/{View.AssessmentId}?section={section}&check=true#{ErrorLink.IdOf(Display.FieldName(index, field))}";
    }

    /// <summary>The fields to fix are on the return form: the error summary's keys name them ("12:Value"), <see cref="LinkFor"/> finds them.</summary>
    private static string SummaryKey(int criterionId, AnswerField field) => $"{criterionId.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{field}";

    public string? LinkFor(string key)
    {
        var parts = key.Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var id) && Enum.TryParse<AnswerField>(parts[1], out var field)
            ? EditLink(id, field) : null;
    }

    private (int Section, int Index) Locate(int criterionId)
    {
        var sections = View.Template.Sections;
        var s = sections.FindIndex(x => x.Criteria.Any(c => c.Id == criterionId));
        var index = View.OutcomesOf(sections[s]).Where(o => o.Applies).ToList().FindIndex(o => o.Criterion.Id == criterionId);
        return (s + 1, index);
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
