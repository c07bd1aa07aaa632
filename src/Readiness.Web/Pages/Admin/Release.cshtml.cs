using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Admin;

/// <summary>Create a release (no code in the route) or edit one: name, description, T0, SRO, status.</summary>
public class ReleaseModel(AdminQueries queries, ReleaseAdmin admin, Actor actor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public int ProgrammeId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public DateOnly? GoLive { get; set; }
    [BindProperty] public string? SroUserId { get; set; }
    [BindProperty] public ReleaseStatus Status { get; set; } = ReleaseStatus.Planned;
    [BindProperty] public string? Stamp { get; set; }

    public bool IsNew { get; private set; }
    public IReadOnlyList<Choice> Programmes { get; private set; } = [];
    public IReadOnlyList<Choice> Sros { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        IsNew = Code is null;
        if (!IsNew && !await LoadReleaseAsync(ct)) return NotFound();
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        IsNew = RouteData.Values["code"] is null;
        var input = new ReleaseInput(ProgrammeId, Code ?? "", Name ?? "", Description ?? "", GoLive, SroUserId ?? "", Status);
        // Model binding problems (a date that is not a date) are reported on their field and nothing is saved.
        ModelState.Remove(nameof(Code));
        if (!ModelState.IsValid)
        {
            CollectErrors();
            await LoadChoicesAsync(ct);
            return Page();
        }
        var outcome = IsNew ? await admin.CreateAsync(actor, input, Origin(), ct) : await admin.EditAsync(actor, Code!, input, Stamp ?? "", Origin(), ct);
        if (Apply(outcome)) return Redirect(IsNew ? $"/Admin/Releases/{input.Code.Trim()}" : $"/Admin/Releases/{Code}");
        if (IsMissing(outcome)) return NotFound();
        if (IsStale(outcome)) await LoadReleaseAsync(ct);
        await LoadChoicesAsync(ct);
        return Page();
    }

    private async Task<bool> LoadReleaseAsync(CancellationToken ct)
    {
        var r = await queries.ReleaseAsync(Code!, ct);
        if (r is null) return false;
        (Name, Description, GoLive, SroUserId, Status, Stamp) = (r.Name, r.Description, r.GoLive, r.SroUserId, r.Status, r.Stamp);
        return true;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Programmes = await queries.ProgrammesAsync(ct);
        Sros = await queries.SrosAsync(ct);
    }
}
