using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Benefits;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Infrastructure.Benefits;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Benefits;

/// <summary>CSV upload of a benefit's measurements: every row is imported or none, and every problem is listed by row and column.</summary>
[RequestSizeLimit(4 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 4 * 1024 * 1024)]
public class UploadModel(BenefitQueries queries, CsvMeasurementImport import, Actor actor, IndicatorSettings settings) : PageModel
{
    [BindProperty(Name = "File")] public IFormFile? CsvFile { get; set; }

    public BenefitView Data { get; private set; } = null!;
    public int MaxRows => settings.MaxCsvRows;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return Data.CanEdit ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Data.CanEdit) return Forbid();
        if (CsvFile is null || string.IsNullOrEmpty(CsvFile.FileName))
        {
            ModelState.AddModelError("File", "Choose a CSV file to upload");
            return Page();
        }
        await using var stream = CsvFile.OpenReadStream();
        var result = await import.ImportAsync(actor, id, stream, HttpContext.Origin(), ct);
        if (this.Refusal(result.Failure) is { } refused) return refused;
        if (result.Failure is { } failure) ModelState.AddModelError("File", failure.Message);
        else if (!result.Value!.Succeeded) foreach (var p in result.Value.Problems) ModelState.AddModelError("File", p.ToString());
        else
        {
            TempData["Flash"] = $"{result.Value.Imported:N0} measurements imported.";
            return Redirect($"/Benefits/{id}");
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var result = await queries.GetAsync(actor, id, ct);
        if (!result.Succeeded) return false;
        Data = result.Value!;
        return true;
    }
}
