using Microsoft.EntityFrameworkCore;
using Readiness.Core.Common;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Admin;

public sealed record Choice(string Value, string Text);

public sealed record AdminReleaseRow(string Code, string Name, string Programme, DateOnly GoLive, ReleaseStatus Status, int Gates, int Impacts);

public sealed record AdminAreaRow(string Code, string Name, BusinessAreaKind Kind, string? ParentCode, int Depth, int TeamLeads, int Bcms);

public sealed record AdminTemplateRow(string Key, int Version, string Name, DateTime PublishedAtUtc, int Returns);

/// <summary>The administration home: one page of the releases matching the search, the areas and the templates.</summary>
public sealed record AdminIndex(IReadOnlyList<AdminReleaseRow> Releases, int ReleaseTotal, int PageNumber, int PageCount,
    IReadOnlyList<AdminAreaRow> Areas, IReadOnlyList<AdminTemplateRow> Templates);

public sealed record ReleaseEditView(string Code, string Name, string Description, DateOnly GoLive, string SroUserId, ReleaseStatus Status, string Stamp);

public sealed record GateEditRow(int Id, GateKind Kind, string Name, int OffsetDays, DateOnly DueOn, string? WorkflowDefinitionId, string Stamp);

/// <summary>What removing a gate would do: the untouched returns that go with it, or why it must stay (then no form is shown).</summary>
public sealed record GateRemovalView(GateEditRow Gate, IReadOnlyList<UntouchedReturn> ReturnsToRemove, string? Refusal, string Stamp);

public sealed record ImpactEditRow(int Id, string AreaCode, string AreaName, int Headcount, ImpactLevel Level, decimal TrainingHoursPerPerson, int HypercareWeeks, string Stamp);

public sealed record MemberRow(int Id, string Email, string Name, AreaRole Role);

public sealed record AreaEditView(string Code, string Name, BusinessAreaKind Kind, string? ParentCode, string Stamp, IReadOnlyList<MemberRow> Members);

/// <summary>Read models for the PMO's administration pages.</summary>
public sealed class AdminQueries(ReadinessDbContext db)
{
    public const int PageSize = 25;

    /// <summary>
    /// A page of the releases (by go-live, then code) whose code, name or programme contains <paramref name="search"/>,
    /// sorted, counted and paged in SQL: the page costs a page at any size of portfolio.
    /// </summary>
    public async Task<AdminIndex> IndexAsync(string? search, int pageNumber, CancellationToken ct)
    {
        var releases = db.Releases.AsNoTracking().Matching(search, r => r.Code, r => r.Name, r => r.Programme!.Name);
        var total = await releases.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var number = Math.Clamp(pageNumber, 1, pageCount);
        var rows = await releases.OrderBy(r => r.GoLive).ThenBy(r => r.Code).Skip((number - 1) * PageSize).Take(PageSize)
            .Select(r => new AdminReleaseRow(r.Code, r.Name, r.Programme!.Name, r.GoLive, r.Status, r.Gates.Count, r.Impacts.Count)).ToListAsync(ct);
        return new AdminIndex(rows, total, number, pageCount, await AreasAsync(ct), await TemplatesAsync(ct));
    }

    /// <summary>Every release as a choice (code, name, go-live), for the searchable box of a form.</summary>
    public Task<List<AdminReleaseRow>> ReleaseChoicesAsync(CancellationToken ct) =>
        db.Releases.AsNoTracking().OrderBy(r => r.GoLive).ThenBy(r => r.Code)
            .Select(r => new AdminReleaseRow(r.Code, r.Name, "", r.GoLive, r.Status, 0, 0)).ToListAsync(ct);

    public async Task<IReadOnlyList<AdminTemplateRow>> TemplatesAsync(CancellationToken ct)
    {
        var templates = await db.Templates.AsNoTracking()
            .Select(t => new AdminTemplateRow(t.Key, t.Version, t.Name, t.PublishedAtUtc, db.Assessments.Count(a => a.TemplateId == t.Id))).ToListAsync(ct);
        return templates.OrderBy(t => t.Key, StringComparer.Ordinal).ThenByDescending(t => t.Version).ToList();
    }

    public async Task<IReadOnlyList<AdminAreaRow>> AreasAsync(CancellationToken ct)
    {
        var areas = await db.BusinessAreas.AsNoTracking().Select(a => new { a.Id, a.Code, a.Name, a.Kind, a.ParentId }).ToListAsync(ct);
        var members = await db.AreaMemberships.AsNoTracking().GroupBy(m => new { m.BusinessAreaId, m.Role }).Select(g => new { g.Key.BusinessAreaId, g.Key.Role, N = g.Count() }).ToListAsync(ct);
        var byId = areas.ToDictionary(a => a.Id);
        var children = areas.Where(a => a.ParentId is not null).ToLookup(a => a.ParentId!.Value);
        var rows = new List<AdminAreaRow>();
        void Walk(int id, int depth)
        {
            var a = byId[id];
            int Count(AreaRole role) => members.Where(m => m.BusinessAreaId == id && m.Role == role).Sum(m => m.N);
            rows.Add(new AdminAreaRow(a.Code, a.Name, a.Kind, a.ParentId is { } p ? byId[p].Code : null, depth, Count(AreaRole.TeamLead), Count(AreaRole.Bcm)));
            foreach (var c in children[id].OrderBy(c => c.Name, StringComparer.Ordinal)) Walk(c.Id, depth + 1);
        }
        foreach (var top in areas.Where(a => a.ParentId is null).OrderBy(a => a.Name, StringComparer.Ordinal)) Walk(top.Id, 0);
        return rows;
    }

    public async Task<ReleaseEditView?> ReleaseAsync(string code, CancellationToken ct)
    {
        var r = await db.Releases.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        return r is null ? null : new ReleaseEditView(r.Code, r.Name, r.Description, r.GoLive, r.SroUserId, r.Status, ReleaseAdmin.StampOf(r));
    }

    public async Task<IReadOnlyList<GateEditRow>> GatesAsync(string code, CancellationToken ct)
    {
        var gates = await db.Gates.AsNoTracking().Include(g => g.Release).Where(g => g.Release!.Code == code).ToListAsync(ct);
        return gates.OrderBy(g => g.DueOffsetDays)
            .Select(g => new GateEditRow(g.Id, g.Kind, g.Name, g.DueOffsetDays, g.DueOn(g.Release!.GoLive), g.WorkflowDefinitionId, ReleaseAdmin.StampOf(g))).ToList();
    }

    /// <summary>Why the gate's kind can no longer change (the edit form says so up front), or null while it still may.</summary>
    public async Task<string?> GateKindLockAsync(int gateId, CancellationToken ct)
    {
        var g = await db.Gates.AsNoTracking().Include(x => x.Release).FirstOrDefaultAsync(x => x.Id == gateId, ct);
        if (g is null) return null;
        var activity = await GateActivity.OfAsync(db, g, ct);
        return activity.Started ? activity.Refusal(g.Release!.Code, g, ReleaseAdmin.KindLocked) : null;
    }

    public async Task<GateRemovalView?> GateRemovalAsync(string code, int gateId, CancellationToken ct)
    {
        var g = await db.Gates.AsNoTracking().Include(x => x.Release).FirstOrDefaultAsync(x => x.Id == gateId && x.Release!.Code == code, ct);
        if (g is null) return null;
        var activity = await GateActivity.OfAsync(db, g, ct);
        var row = new GateEditRow(g.Id, g.Kind, g.Name, g.DueOffsetDays, g.DueOn(g.Release!.GoLive), g.WorkflowDefinitionId, ReleaseAdmin.StampOf(g));
        return new GateRemovalView(row, activity.Untouched,
            activity.Started ? activity.Refusal(code, g, ReleaseAdmin.CannotRemove) : null,
            ReleaseAdmin.RemovalStampOf(g, activity));
    }

    public async Task<IReadOnlyList<ImpactEditRow>> ImpactsAsync(string code, CancellationToken ct)
    {
        var impacts = await db.Impacts.AsNoTracking().Include(i => i.BusinessArea).Where(i => i.Release!.Code == code).ToListAsync(ct);
        return impacts.OrderBy(i => i.BusinessArea!.Name, StringComparer.Ordinal)
            .Select(i => new ImpactEditRow(i.Id, i.BusinessArea!.Code, i.BusinessArea.Name, i.Headcount, i.Level, i.TrainingHoursPerPerson, i.HypercareWeeks, ImpactAdmin.StampOf(i))).ToList();
    }

    public async Task<AreaEditView?> AreaAsync(string code, CancellationToken ct)
    {
        var a = await db.BusinessAreas.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        if (a is null) return null;
        var parent = a.ParentId is { } p ? await db.BusinessAreas.Where(x => x.Id == p).Select(x => x.Code).FirstAsync(ct) : null;
        var members = await (from m in db.AreaMemberships
                             join u in db.Users on m.UserId equals u.Id
                             where m.BusinessAreaId == a.Id
                             orderby m.Role, u.DisplayName
                             select new MemberRow(m.Id, u.Email!, u.DisplayName, m.Role)).ToListAsync(ct);
        return new AreaEditView(a.Code, a.Name, a.Kind, parent, AreaAdmin.StampOf(a), members);
    }

    public Task<List<Choice>> ProgrammesAsync(CancellationToken ct) =>
        db.Programmes.AsNoTracking().OrderBy(p => p.Name).Select(p => new Choice(p.Id.ToString(), p.Name)).ToListAsync(ct);

    public Task<List<Choice>> SrosAsync(CancellationToken ct) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id join u in db.Users on ur.UserId equals u.Id
         where r.Name == Roles.Sro orderby u.DisplayName select new Choice(u.Id, u.DisplayName)).ToListAsync(ct);

    public Task<List<Choice>> PeopleAsync(CancellationToken ct) =>
        db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new Choice(u.Email!, u.DisplayName + " (" + u.Email + ")")).ToListAsync(ct);

    public Task<List<string>> WorkflowIdsAsync(CancellationToken ct) =>
        db.WorkflowSnapshots.AsNoTracking().Select(s => s.DefinitionId).Distinct().OrderBy(s => s).ToListAsync(ct);
}
