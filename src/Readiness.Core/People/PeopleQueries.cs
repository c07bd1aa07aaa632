using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Persistence;

namespace Readiness.Core.People;

/// <summary>One row of the people page.</summary>
public sealed record PersonRow(string Id, string Name, string Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Areas, DateTime? LastSignInAtUtc, bool Active);

/// <summary>A page of people and how many matched.</summary>
public sealed record PeoplePage(IReadOnlyList<PersonRow> Rows, int Total, int PageNumber, int PageCount);

/// <summary>A pending approval of a deactivated person, with who could take it over.</summary>
public sealed record PendingApproval(int RequestId, string What, DateOnly DueOn, IReadOnlyList<Candidate> Candidates);

/// <summary>One of a person's team lead or BCM memberships, as the person page lists it (with the id its Remove button posts).</summary>
public sealed record PersonMembership(int Id, string AreaCode, string AreaName, AreaRole Role);

/// <summary>Everything the person page shows.</summary>
public sealed record PersonDetail(PersonRow Person, string Stamp, IReadOnlyList<string> DirectRoles, bool SignsInWithProvider, IReadOnlyList<PendingApproval> Pending,
    IReadOnlyList<PersonMembership> Memberships);

/// <summary>The PMO's view of people: a searched, paged list (a page costs a page) and one person in full.</summary>
public sealed class PeopleQueries(ReadinessDbContext db)
{
    public const int PageSize = 50;

    public async Task<PeoplePage> ListAsync(string? search, int pageNumber, CancellationToken ct)
    {
        var people = db.Users.AsNoTracking().Matching(search, u => u.NormalizedEmail!, u => u.DisplayName);
        var total = await people.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var number = Math.Clamp(pageNumber, 1, pageCount);
        var page = await people.OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Skip((number - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.LastSignInAtUtc, u.DeactivatedAtUtc }).ToListAsync(ct);
        var ids = page.Select(p => p.Id).ToList();
        var roles = await RolesAsync(ids, ct);
        var memberships = await MembershipsAsync(ids, ct);
        var rows = page.Select(p => new PersonRow(p.Id, p.DisplayName, p.Email ?? "", roles[p.Id], AreaWords(memberships, p.Id), p.LastSignInAtUtc, p.DeactivatedAtUtc is null)).ToList();
        return new PeoplePage(rows, total, number, pageCount);
    }

    public Task<string?> EmailOfAsync(string id, CancellationToken ct) => db.Users.Where(u => u.Id == id).Select(u => u.Email).FirstOrDefaultAsync(ct);

    public async Task<PersonDetail?> PersonAsync(string id, CancellationToken ct)
    {
        var u = await db.Users.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (u is null) return null;
        var roles = (await RolesAsync([id], ct))[id];
        var memberships = await MembershipsAsync([id], ct);
        var row = new PersonRow(u.Id, u.DisplayName, u.Email ?? "", roles, AreaWords(memberships, id), u.LastSignInAtUtc, u.IsActive);
        var pending = new List<PendingApproval>();
        if (!u.IsActive)
        {
            // One query for every pending approval with what it is about; only the candidates are asked per approval.
            var requests = await (from r in db.ApprovalRequests.AsNoTracking()
                                  join rel in db.Releases on r.ReleaseId equals rel.Id
                                  where r.ApproverUserId == id && r.Status == ApprovalStatus.Pending
                                  orderby r.DueOn, r.Id
                                  select new
                                  {
                                      Request = r,
                                      Release = rel.Code,
                                      Area = r.Kind == ApprovalKind.AreaReturn
                                          ? (from a in db.Assessments join b in db.BusinessAreas on a.BusinessAreaId equals b.Id where a.Id == r.SubjectId select b.Name).FirstOrDefault()
                                          : null,
                                  }).ToListAsync(ct);
            foreach (var x in requests)
            {
                var what = x.Request.Kind == ApprovalKind.AreaReturn ? $"{x.Release} {x.Area} return" : $"{x.Release} go / no-go";
                pending.Add(new PendingApproval(x.Request.Id, what, x.Request.DueOn, await EligibleApprovers.ForAsync(db, x.Request, ct)));
            }
        }
        var external = await db.UserLogins.AnyAsync(l => l.UserId == id, ct);
        var own = memberships.Where(m => m.UserId == id).Select(m => new PersonMembership(m.Id, m.Code, m.Name, m.Role))
            .OrderBy(m => m.AreaName, StringComparer.Ordinal).ThenBy(m => m.Role).ToList();
        return new PersonDetail(row, u.ConcurrencyStamp ?? "", roles.Where(PeopleAdmin.DirectRoles.Contains).ToList(), external, pending, own);
    }

    private async Task<Dictionary<string, IReadOnlyList<string>>> RolesAsync(List<string> ids, CancellationToken ct)
    {
        var pairs = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => (IReadOnlyList<string>)pairs.Where(p => p.UserId == id).Select(p => p.Name!).Order(StringComparer.Ordinal).ToList());
    }

    private sealed record MembershipRow(string UserId, int Id, string Code, string Name, AreaRole Role);

    private Task<List<MembershipRow>> MembershipsAsync(List<string> ids, CancellationToken ct) =>
        (from m in db.AreaMemberships join a in db.BusinessAreas on m.BusinessAreaId equals a.Id
         where ids.Contains(m.UserId) select new MembershipRow(m.UserId, m.Id, a.Code, a.Name, m.Role)).ToListAsync(ct);

    private static List<string> AreaWords(List<MembershipRow> memberships, string id) =>
        memberships.Where(m => m.UserId == id).Select(m => $"{Admin.Memberships.Words(m.Role)} of {m.Code}").Order(StringComparer.Ordinal).ToList();
}
