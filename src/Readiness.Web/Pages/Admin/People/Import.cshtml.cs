using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.People;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Admin.People;

/// <summary>
/// CSV import of people and their areas, in two steps: upload → check what will change (or every problem by row and
/// column) → import. The checked file travels back in the confirm form and is checked again as it is imported; the stamp
/// of the changes shown makes the import refuse (and show the new changes) if anything changed meanwhile. A file over
/// 1 MB is refused before it is read (413, as every upload).
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = PeopleImport.MaxBytes)]
public class ImportModel(PeopleImport import, Actor actor, IOptions<ReadinessAuthenticationOptions> authentication) : AdminPageModel
{
    [BindProperty(Name = "File")] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Csv { get; set; }
    [BindProperty] public string? Stamp { get; set; }
    [BindProperty] public string? FileName { get; set; }

    /// <summary>Null until a file is checked.</summary>
    public PeopleImportPreview? Preview { get; private set; }

    public bool WithPasswordLink => authentication.Value.LocalPasswords;

    public static readonly IReadOnlyList<string[]> Example =
    [
        ["a.new.person@example.org", "Alex Morgan", "", "", ""],
        ["a.new.person@example.org", "", "Team lead", "CUSTODY", ""],
        ["b.existing@example.org", "", "BCM", "PROPERTY", "add"],
        ["b.existing@example.org", "", "BCM", "CASE", "remove"],
        ["c.director@example.org", "Chris Patel", "SRO", "", ""],
    ];

    public static string ExampleText => string.Join("\n", Example.Prepend([.. PeopleImport.Columns]).Select(r => string.Join(",", r)));

    public void OnGet() { }

    /// <summary>The header and the example rows, to fill in.</summary>
    public IActionResult OnGetTemplate() =>
        this.Download(CsvFile.Write(PeopleImport.Columns, Example), Downloads.Csv, "people-import.csv");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError("File", "Choose a CSV file to upload.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        using (var reader = new StreamReader(Upload.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            Csv = await reader.ReadToEndAsync(ct);
        FileName = Path.GetFileName(Upload.FileName);
        return await CheckAsync(ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(Csv)) return await OnPostAsync(ct);
        var outcome = await import.ImportAsync(actor, Csv, Stamp ?? "", WithPasswordLink, Name(), Origin(), ct);
        if (this.Refusal(outcome.Failure) is { } refused) return refused;
        if (outcome.Failure is { Kind: FailureKind.Stale } stale)
        {
            ModelState.AddModelError("", stale.Message);
            var result = await CheckAsync(ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return result;
        }
        if (outcome.Failure is { } failure)
        {
            this.Show(failure);
            return Page();
        }
        if (outcome.Value!.HasProblems) return Show(outcome.Value);
        var done = outcome.Value;
        TempData["Flash"] = $"{Name()} imported: {Count(done.Invited, "person", "people")} invited, {Count(done.People.Count - done.Invited, "person", "people")} updated. Every change is in the audit log.";
        return Redirect("/Admin/People");
    }

    private async Task<IActionResult> CheckAsync(CancellationToken ct)
    {
        var outcome = await import.PreviewAsync(actor, Csv ?? "", WithPasswordLink, ct);
        if (this.Refusal(outcome.Failure) is { } refused) return refused;
        return Show(outcome.Value!);
    }

    private PageResult Show(PeopleImportPreview preview)
    {
        Preview = preview;
        // The confirm form carries the stamp of what is shown now, not of what was posted.
        ModelState.Remove(nameof(Stamp));
        Stamp = preview.Stamp;
        foreach (var p in preview.Problems) ModelState.AddModelError("File", p.ToString());
        if (preview.HasProblems) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private string Name() => string.IsNullOrWhiteSpace(FileName) ? "The file" : Path.GetFileName(FileName.Trim()) is { Length: <= 200 } n ? n : "The file";

    public static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
