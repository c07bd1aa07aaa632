using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.Identity;

namespace Readiness.Web.Pages.Admin;

/// <summary>
/// Publish a new questionnaire template version from an uploaded JSON file (same format and rules as seed-data/templates).
/// A larger upload is refused before it is read (413, with the size limit in words): see RequestGuards.
/// </summary>
[RequestSizeLimit(TemplateAdmin.MaxBytes + 64_000)]
[RequestFormLimits(MultipartBodyLengthLimit = TemplateAdmin.MaxBytes + 64_000)]
public class TemplatesModel(AdminQueries queries, TemplateAdmin admin, Actor actor) : AdminPageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public IReadOnlyList<AdminTemplateRow> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Templates = await queries.TemplatesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var json = "";
        if (Upload is { Length: > 0 and <= TemplateAdmin.MaxBytes })
        {
            using var reader = new StreamReader(Upload.OpenReadStream());
            json = await reader.ReadToEndAsync(ct);
        }
        else if (Upload is { Length: > TemplateAdmin.MaxBytes }) json = new string(' ', TemplateAdmin.MaxBytes + 1);
        var outcome = await admin.PublishAsync(actor, Path.GetFileName(Upload?.FileName ?? "upload.json"), json, Origin(), ct);
        if (Apply(outcome)) return Redirect("/Admin/Templates");
        Templates = await queries.TemplatesAsync(ct);
        return Page();
    }
}
