using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.People;

namespace Readiness.Web.Pages.Admin.People;

/// <summary>One person: their roles and areas, deactivate / reactivate, SRO and PMO roles, and reassigning what they left pending.</summary>
public class PersonModel(PeopleQueries queries, PeopleAdmin admin, Actor actor, ReadinessClock clock) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public string? Stamp { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];

    public PersonDetail? Data { get; private set; }
    public ReadinessClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct) => AfterAsync(admin.DeactivateAsync(actor, Id, Stamp ?? "", Origin(), ct), ct);

    public Task<IActionResult> OnPostReactivateAsync(CancellationToken ct) => AfterAsync(admin.ReactivateAsync(actor, Id, Stamp ?? "", Origin(), ct), ct);

    public Task<IActionResult> OnPostRolesAsync(CancellationToken ct) => AfterAsync(admin.SetRolesAsync(actor, Id, Roles, Stamp ?? "", Origin(), ct), ct);

    public Task<IActionResult> OnPostReassignAsync(int request, string? toUserId, CancellationToken ct) =>
        AfterAsync(admin.ReassignAsync(actor, request, toUserId, Origin(), ct), ct, $"Reassign-{request}");

    private async Task<IActionResult> AfterAsync(Task<Result<string>> change, CancellationToken ct, string? prefix = null)
    {
        var outcome = await change;
        if (Apply(outcome, prefix)) return Redirect($"/Admin/People/{Id}");
        return await LoadAsync(ct) && !IsMissing(outcome) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Data = await queries.PersonAsync(Id, ct);
        if (Data is null) return false;
        Stamp = Data.Stamp;
        return true;
    }
}
