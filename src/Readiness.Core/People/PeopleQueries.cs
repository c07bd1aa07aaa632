using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.People;

/// <summary>One row of the people page.</summary>
public sealed record PersonRow(string Id, string Name, string Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Areas, DateTime? LastSignInAtUtc, bool Active);

/// <summary>A page of people and how many matched.</summary>
public sealed record PeoplePage(IReadOnlyList<PersonRow> Rows, int Total, int PageNumber, int PageCount);

/// <summary>A pending approval of a deactivated person, with who could take it over.</summary>
public sealed record PendingApproval(int RequestId, string What, DateOnly DueOn, IReadOnlyList<Candidate> Candidates);

/// <summary>Everything the person page shows.</summary>
public sealed record PersonDetail(PersonRow Person, string Stamp, IReadOnlyList<string> DirectRoles, bool SignsInWithProvider, IReadOnlyList<PendingApproval> Pending);

/// <summary>The PMO's view of people: a searched, paged list (a page costs a page) and one person in full.</summary>
public sealed class PeopleQueries(ReadinessDbContext db)
{
    public const int PageSize = 50;

    public async Task<PeoplePage> ListAsync(string? search, int pageNumber, CancellationToken ct)
    {
        var people = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            // Translated to SQL (UPPER … LIKE), the same on SQLite and PostgreSQL; the culture rules apply to .NET strings only.
#pragma warning disable CA1304, CA1311, CA1862
            people = people.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var total = await people.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var number = Math.Clamp(pageNumber, 1, pageCount);
        var page = await people.OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Skip((number - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.LastSignInAtUtc, u.DeactivatedAtUtc }).ToListAsync(ct);
        var ids = page.Select(p => p.Id).ToList();
        var roles = await RolesAsync(ids, ct);
        var areas = await AreasAsync(ids, ct);
        var rows = page.Select(p => new PersonRow(p.Id, p.DisplayName, p.Email ?? "", roles[p.Id], areas[p.Id], p.LastSignInAtUtc, p.DeactivatedAtUtc is null)).ToList();
        return new PeoplePage(rows, total, number, pageCount);
    }

    public async Task<PersonDetail?> PersonAsync(string id, CancellationToken ct)
    {
        var u = await db.Users.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (u is null) return null;
        var roles = (await RolesAsync([id], ct))[id];
        var row = new PersonRow(u.Id, u.DisplayName, u.Email ?? "", roles, (await AreasAsync([id], ct))[id], u.LastSignInAtUtc, u.IsActive);
        var pending = new List<PendingApproval>();
        if (!u.IsActive)
        {
            var requests = await db.ApprovalRequests.Where(r => r.ApproverUserId == id && r.Status == ApprovalStatus.Pending).OrderBy(r => r.DueOn).ToListAsync(ct);
            foreach (var r in requests)
                pending.Add(new PendingApproval(r.Id, await WhatAsync(r, ct), r.DueOn, await EligibleApprovers.ForAsync(db, r, ct)));
        }
        var external = await db.UserLogins.AnyAsync(l => l.UserId == id, ct);
        return new PersonDetail(row, u.ConcurrencyStamp ?? "", roles.Where(PeopleAdmin.DirectRoles.Contains).ToList(), external, pending);
    }

    private async Task<string> WhatAsync(ApprovalRequest r, CancellationToken ct)
    {
        var release = await db.Releases.Where(x => x.Id == r.ReleaseId).Select(x => x.Code).SingleAsync(ct);
        if (r.Kind != ApprovalKind.AreaReturn) return $"{release} go / no-go";
        var area = await (from a in db.Assessments join b in db.BusinessAreas on a.BusinessAreaId equals b.Id where a.Id == r.SubjectId select b.Name).SingleAsync(ct);
        return $"{release} {area} return";
    }

    private async Task<Dictionary<string, IReadOnlyList<string>>> RolesAsync(List<string> ids, CancellationToken ct)
    {
        var pairs = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<string>)pairs.Where(p => p.UserId == id).Select(p => p.Name!).Order(StringComparer.Ordinal).ToList());
    }

    private async Task<Dictionary<string, IReadOnlyList<string>>> AreasAsync(List<string> ids, CancellationToken ct)
    {
        var pairs = await (from m in db.AreaMemberships join a in db.BusinessAreas on m.BusinessAreaId equals a.Id
                           where ids.Contains(m.UserId) select new { m.UserId, a.Code, m.Role }).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<string>)pairs.Where(p => p.UserId == id)
            .Select(p => $"{(p.Role == BusinessAreas.AreaRole.Bcm ? "BCM" : "Team lead")} of {p.Code}").Order(StringComparer.Ordinal).ToList());
    }
}
