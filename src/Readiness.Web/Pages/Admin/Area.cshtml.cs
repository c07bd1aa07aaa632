using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;

using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Admin;

public sealed class AreaForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public BusinessAreaKind Kind { get; set; } = BusinessAreaKind.Unit;
    public string? ParentCode { get; set; }
}

public sealed class MemberForm
{
    public string? UserEmail { get; set; }
    public AreaRole Role { get; set; }
}

/// <summary>Create a business area (no code in the route) or rename / move one, and assign its team leads and BCMs.</summary>
public class AreaModel(AdminQueries queries, AreaAdmin admin, Actor actor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public AreaForm Area { get; set; } = new();
    [BindProperty] public MemberForm Member { get; set; } = new();
    [BindProperty] public string? Stamp { get; set; }

    public AreaEditView? Current { get; private set; }
    public IReadOnlyList<AdminAreaRow> Areas { get; private set; } = [];
    public IReadOnlyList<Choice> People { get; private set; } = [];
    public IReadOnlyList<PortfolioChoice> PeopleChoices => People.Select(p => new PortfolioChoice(p.Value, p.Text)).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(fill: true, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = Code is null
            ? await admin.CreateAsync(actor, new AreaInput(Area.Code ?? "", Area.Name ?? "", Area.Kind, NullIfBlank(Area.ParentCode)), Origin(), ct)
            : await admin.EditAsync(actor, Code, Area.Name ?? "", NullIfBlank(Area.ParentCode), Stamp ?? "", Origin(), ct);
        if (Apply(outcome, "Area")) return Redirect($"/Admin/Areas/{Code ?? (Area.Code ?? "").Trim()}");
        return await LoadAsync(fill: IsStale(outcome), ct) && !IsMissing(outcome) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddMemberAsync(CancellationToken ct)
    {
        if (Code is null) return NotFound();
        // The box sends the chosen "name (email)", a name or an email typed: each names one person.
        People = await queries.PeopleAsync(ct);
        Member.UserEmail = Choices.CodeOf(Member.UserEmail, PeopleChoices);
        var outcome = await admin.AddMemberAsync(actor, new MembershipInput(Code, Member.UserEmail ?? "", Member.Role), Origin(), ct);
        if (Apply(outcome, "Member")) return Redirect($"/Admin/Areas/{Code}");
        return await LoadAsync(fill: true, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(int id, CancellationToken ct)
    {
        var outcome = await admin.RemoveMemberAsync(actor, id, Origin(), ct);
        if (Apply(outcome)) return Redirect($"/Admin/Areas/{Code}");
        return await LoadAsync(fill: true, ct) ? Page() : NotFound();
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task<bool> LoadAsync(bool fill, CancellationToken ct)
    {
        Areas = await queries.AreasAsync(ct);
        People = await queries.PeopleAsync(ct);
        if (Code is null) return true;
        Current = await queries.AreaAsync(Code, ct);
        if (Current is null) return false;
        if (fill)
        {
            Area = new AreaForm { Code = Current.Code, Name = Current.Name, Kind = Current.Kind, ParentCode = Current.ParentCode };
            Stamp = Current.Stamp;
        }
        return true;
    }
}
