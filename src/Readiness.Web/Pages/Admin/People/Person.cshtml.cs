using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.People;

namespace Readiness.Web.Pages.Admin.People;

/// <summary>What the person page's "add to an area" form posts.</summary>
public sealed class MembershipForm
{
    public string? AreaCode { get; set; }
    public AreaRole Role { get; set; }
}

/// <summary>
/// One person: their roles and areas, deactivate / reactivate, SRO and PMO roles, team lead and BCM memberships (the
/// same use cases as the area page, so the role follows the memberships), and reassigning what they left pending.
/// </summary>
public class PersonModel(PeopleQueries queries, PeopleAdmin admin, AreaAdmin areas, AdminQueries adminQueries, Actor actor, ReadinessClock clock) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public string? Stamp { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public MembershipForm Membership { get; set; } = new();

    public IReadOnlyList<AdminAreaRow> Areas { get; private set; } = [];

    public PersonDetail? Data { get; private set; }
    public ReadinessClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct) => AfterAsync(admin.DeactivateAsync(actor, Id, Stamp ?? "", Origin(), ct), ct);

    public Task<IActionResult> OnPostReactivateAsync(CancellationToken ct) => AfterAsync(admin.ReactivateAsync(actor, Id, Stamp ?? "", Origin(), ct), ct);

    public Task<IActionResult> OnPostRolesAsync(CancellationToken ct) => AfterAsync(admin.SetRolesAsync(actor, Id, Roles, Stamp ?? "", Origin(), ct), ct);

    public async Task<IActionResult> OnPostAddMembershipAsync(CancellationToken ct)
    {
        var email = await queries.EmailOfAsync(Id, ct);
        if (email is null) return NotFound();
        var outcome = await areas.AddMemberAsync(actor, new MembershipInput(Membership.AreaCode ?? "", email, Membership.Role), Origin(), ct);
        // The area page chooses the person, this page the area: a membership the person already has is the area's problem here.
        if (outcome.Failure is { } f) outcome = f with { FieldErrors = f.Fields.Select(e => e.Field == "UserEmail" ? e with { Field = "AreaCode" } : e).ToList() };
        return await AfterAsync(Task.FromResult(outcome), ct, "Membership");
    }

    public Task<IActionResult> OnPostRemoveMembershipAsync(int membership, CancellationToken ct) =>
        AfterAsync(areas.RemoveMemberAsync(actor, membership, Origin(), ct, personId: Id), ct);

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
        Areas = await adminQueries.AreasAsync(ct);
        Stamp = Data.Stamp;
        return true;
    }
}
