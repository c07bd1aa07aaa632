using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Risks;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Risks;

/// <summary>
/// Edits a risk (the PMO, or the risk's owner): everything on one form, the score's change kept in its history. A save
/// over a risk changed since the form was shown is refused and the form shows the newer values.
/// </summary>
public class EditModel(RiskViews views, RiskCommands commands, Actor actor) : RiskFormPage(views)
{
    public string Reference { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var view = await Views.ForAsync(actor, id, ct);
        if (view is null) return NotFound();
        if (!view.CanEdit) return StatusCode(StatusCodes.Status403Forbidden);
        Form = RiskForm.From(RiskViews.InputOf(view), view.Version);
        Reference = view.Reference;
        return await PageWithAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await commands.EditAsync(actor, id, Form.ToInput(), Form.Version, HttpContext.Origin(), ct);
        if (outcome.Succeeded)
        {
            TempData["Flash"] = outcome.Value;
            return Redirect($"/Risks/{id}");
        }
        if (Refused(outcome.Failure!) is { } refused) return refused;
        Reference = RiskScoring.Reference(id);
        if (outcome.Failure!.Kind == FailureKind.Stale && await Views.ForAsync(actor, id, ct) is { } newer)
            Form = RiskForm.From(RiskViews.InputOf(newer), newer.Version);
        this.Show(outcome.Failure!, "Form");
        return await PageWithAsync(ct);
    }
}
