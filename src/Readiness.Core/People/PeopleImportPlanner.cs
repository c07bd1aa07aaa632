using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Portfolio;
using Readiness.Core.Admin;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Core.Persistence;

namespace Readiness.Core.People;

/// <summary>What an import does to one person: the rows folded together, with the tracked entities to change.</summary>
internal sealed class PersonWork(string email, ReadinessUser? person, IReadOnlyDictionary<int, BusinessArea> areas)
{
    public string Email { get; } = email;
    public ReadinessUser? Person { get; } = person;
    public string? Name { get; set; }
    public bool Renames { get; set; }
    public List<string> DirectRolesBefore { get; init; } = [];
    public List<string> DirectRolesAfter { get; init; } = [];
    public bool DirectRolesChange => !DirectRolesBefore.Order().SequenceEqual(DirectRolesAfter.Order());
    public List<(BusinessArea Area, AreaRole Role)> Add { get; } = [];
    public List<AreaMembership> Remove { get; } = [];
    public List<string> Changes { get; } = [];

    public BusinessArea AreaOf(int id) => areas[id];
}

/// <summary>
/// Judges a people file against the database: every problem by row and column, or each person's changes. The same
/// plan serves the preview and the import (run again inside its unit of work, on the rows as they are then).
/// </summary>
public sealed class PeopleImportPlanner(ReadinessDbContext db, ILookupNormalizer normalizer)
{
    private enum RowRole { None, TeamLead, Bcm, Sro, Pmo }

    private sealed record Line(int Row, string Email, string Normalized, string Name, RowRole Role, BusinessArea? Area, bool Remove);

    internal sealed record Plan(PeopleImportPreview Preview, IReadOnlyList<PersonWork> Work);

    internal async Task<Plan> PlanAsync(Actor actor, IReadOnlyList<PersonImportRow> rows, IReadOnlyList<ImportProblem> earlier, bool withPasswordLink, CancellationToken ct)
    {
        var problems = new List<ImportProblem>(earlier);
        if (rows.Count == 0 && problems.Count == 0) problems.Add(new(0, "", "The file has a header but no rows: add a row for each person, role or area."));
        var areas = await db.BusinessAreas.ToListAsync(ct);
        var lines = Lines(rows, areas.ToDictionary(a => a.Code, StringComparer.OrdinalIgnoreCase), problems);

        var emails = lines.Select(l => l.Normalized).Distinct().ToList();
        var existing = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, ct);
        var ids = existing.Values.Select(u => u.Id).ToList();
        var directRoles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                                  where ids.Contains(ur.UserId) && PeopleAdmin.DirectRoles.Contains(r.Name!) select new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name!);
        var held = (await db.AreaMemberships.Where(m => ids.Contains(m.UserId)).ToListAsync(ct)).ToLookup(m => m.UserId);

        var groups = lines.GroupBy(l => l.Normalized).ToList();
        foreach (var group in groups) CheckPerson(actor, group.ToList(), existing.GetValueOrDefault(group.Key), problems);
        if (problems.Count > 0)
            return new Plan(new PeopleImportPreview(problems.OrderBy(p => p.Row).ToList(), [], 0, ""), []);

        var byId = areas.ToDictionary(a => a.Id);
        var work = new List<PersonWork>();
        var unchanged = 0;
        foreach (var group in groups)
        {
            var person = existing.GetValueOrDefault(group.Key);
            var before = person is null ? [] : directRoles[person.Id].ToList();
            var w = new PersonWork(group.First().Email, person, byId) { DirectRolesBefore = before, DirectRolesAfter = [.. before] };
            unchanged += Fold(w, group.ToList(), person is null ? [] : held[person.Id].ToList(), withPasswordLink);
            if (w.Changes.Count > 0) work.Add(w);
        }
        await RefuseSroRemovalsAsync(work, groups.ToDictionary(g => g.Key, g => g.ToList()), problems, ct);
        if (problems.Count > 0)
            return new Plan(new PeopleImportPreview(problems.OrderBy(p => p.Row).ToList(), [], 0, ""), []);
        var preview = new PeopleImportPreview([], work.Select(w => new PersonImportChanges(w.Email, w.Name ?? w.Person!.DisplayName, w.Person is null, w.Changes)).ToList(),
            unchanged, Stamp.Of([.. work.SelectMany(w => w.Changes.Prepend(w.Email)), unchanged]));
        return new Plan(preview, work);
    }

    /// <summary>
    /// The rule of the person's page, for a file too: the SRO role is not taken from someone still the SRO of open
    /// releases, whose go / no-go decisions would then reach no one who may decide. The row that removes it is named.
    /// </summary>
    private async Task RefuseSroRemovalsAsync(List<PersonWork> work, Dictionary<string, List<Line>> lines, List<ImportProblem> problems, CancellationToken ct)
    {
        var losing = work.Where(w => w.Person is not null && w.DirectRolesBefore.Contains(Roles.Sro) && !w.DirectRolesAfter.Contains(Roles.Sro)).ToList();
        if (losing.Count == 0) return;
        var ids = losing.Select(w => w.Person!.Id).ToList();
        var owned = (await db.Releases.Where(r => ids.Contains(r.SroUserId) && r.Status != ReleaseStatus.Closed)
            .OrderBy(r => r.Code).Select(r => new { r.SroUserId, r.Code }).ToListAsync(ct)).ToLookup(r => r.SroUserId, r => r.Code);
        foreach (var w in losing)
        {
            var codes = owned[w.Person!.Id].ToList();
            if (codes.Count == 0) continue;
            var row = lines[w.Person.NormalizedEmail!].First(l => l.Role == RowRole.Sro && l.Remove).Row;
            problems.Add(new(row, "role", $"{w.Person.DisplayName} is the SRO of {string.Join(", ", codes)}: give {(codes.Count == 1 ? "that release" : "those releases")} another SRO first (Administration → the release), then remove the role."));
        }
    }

    /// <summary>Each row on its own: its email, role, area and action, and rows that repeat or contradict earlier ones.</summary>
    private List<Line> Lines(IReadOnlyList<PersonImportRow> rows, Dictionary<string, BusinessArea> areas, List<ImportProblem> problems)
    {
        var lines = new List<Line>();
        var firstOf = new Dictionary<(string, RowRole, string), int>();
        var names = new Dictionary<string, (string Name, int Row)>();
        foreach (var row in rows)
        {
            var before = problems.Count;
            void Problem(string column, string message) => problems.Add(new(row.Row, column, message));
            var email = row.Email.Trim();
            if (email.Length == 0) Problem("email", "Enter the person's email address.");
            else if (!PeopleAdmin.IsEmail(email)) Problem("email", $"{Quote(email)} is not an email address like name@example.org.");
            var name = row.Name.Trim();
            if (name.Length > TextLimits.Name) Problem("name", $"is {name.Length:N0} characters long: keep a name to {TextLimits.Name} characters or fewer.");
            RowRole? role = Canonical(row.Role) switch
            {
                "" => RowRole.None, "TEAMLEAD" => RowRole.TeamLead, "BCM" => RowRole.Bcm, "SRO" => RowRole.Sro, "PMO" => RowRole.Pmo, _ => null,
            };
            if (role is null) Problem("role", $"{Quote(row.Role)} is not a role: use Team lead, BCM, SRO or PMO, or leave it empty to add or rename the person only.");
            bool? remove = Canonical(row.Action) switch { "" or "ADD" => false, "REMOVE" => true, _ => null };
            if (remove is null) Problem("action", $"{Quote(row.Action)} is not an action: use add or remove (empty means add).");
            var code = row.Area.Trim();
            BusinessArea? area = null;
            if (role is RowRole.TeamLead or RowRole.Bcm)
            {
                if (code.Length == 0) Problem("area", $"{Words(role.Value)} needs the code of the business area (such as CUSTODY).");
                else if (!areas.TryGetValue(code, out area)) Problem("area", $"{Quote(code)} is not a business area code: use a code from Admin → Business areas (such as CUSTODY).");
            }
            else if (code.Length > 0 && role is not null)
                Problem("area", role == RowRole.None
                    ? "A row without a role cannot name an area: give the role (Team lead or BCM), or leave area empty."
                    : $"{Words(role.Value)} is not given per area: leave area empty.");
            if (remove == true && role == RowRole.None)
                Problem("role", "Say which role or area to remove. A file never removes a person: to stop someone signing in, deactivate them on their page.");
            if (problems.Count > before) continue;

            var normalized = normalizer.NormalizeEmail(email);
            var key = (normalized, role!.Value, area?.Code ?? "");
            if (firstOf.TryGetValue(key, out var first))
            {
                Problem("", $"repeats row {first}: the same person, role and area (whatever the action). Keep one of the two rows.");
                continue;
            }
            firstOf[key] = row.Row;
            if (name.Length > 0 && names.TryGetValue(normalized, out var given) && given.Name != name)
            {
                Problem("name", $"{Quote(name)} is not the name on row {given.Row} ({Quote(given.Name)}) for the same email address: give one name, or leave it empty on the other rows.");
                continue;
            }
            if (name.Length > 0) names.TryAdd(normalized, (name, row.Row));
            lines.Add(new Line(row.Row, email, normalized, name, role.Value, area, remove!.Value));
        }
        return lines;
    }

    /// <summary>What can only be judged per person, against their account.</summary>
    private static void CheckPerson(Actor actor, List<Line> lines, ReadinessUser? person, List<ImportProblem> problems)
    {
        var first = lines[0];
        if (person is null)
        {
            foreach (var l in lines.Where(l => l.Remove))
                problems.Add(new(l.Row, "email", $"{l.Email} has no account, so there is nothing to remove."));
            if (lines.All(l => l.Name.Length == 0))
                problems.Add(new(first.Row, "name", $"{first.Email} has no account yet: give their full name to invite them."));
        }
        else if (!person.IsActive)
            problems.Add(new(first.Row, "email", $"{person.Email} is deactivated: reactivate them on their page first, or leave their rows out."));
        else if (person.Id == actor.UserId && lines.FirstOrDefault(l => l.Remove && l.Role == RowRole.Pmo) is { } own)
            problems.Add(new(own.Row, "role", "You cannot take the PMO role from yourself: ask another PMO."));
    }

    /// <summary>Folds a person's rows into their changes; returns how many rows change nothing (already so).</summary>
    private static int Fold(PersonWork w, List<Line> lines, List<AreaMembership> held, bool withPasswordLink)
    {
        var unchanged = 0;
        w.Name = lines.Select(l => l.Name).FirstOrDefault(n => n.Length > 0);
        if (w.Person is null)
            w.Changes.Add(withPasswordLink ? "New: invited, and emailed a link to set their password" : "New: invited, signs in with the organisation's account");
        else if (w.Name is not null && w.Name != w.Person.DisplayName)
        {
            w.Renames = true;
            w.Changes.Add($"Name: {w.Person.DisplayName} → {w.Name}");
        }
        foreach (var l in lines)
        {
            switch (l.Role)
            {
                case RowRole.None:
                    if (w.Person is not null && (l.Name.Length == 0 || l.Name == w.Person.DisplayName)) unchanged++;
                    break;
                case RowRole.Sro or RowRole.Pmo:
                    var role = l.Role == RowRole.Sro ? Roles.Sro : Roles.Pmo;
                    if (l.Remove == !w.DirectRolesAfter.Contains(role)) unchanged++;
                    else if (l.Remove)
                    {
                        w.DirectRolesAfter.Remove(role);
                        w.Changes.Add($"No longer {role}");
                    }
                    else
                    {
                        w.DirectRolesAfter.Add(role);
                        w.Changes.Add($"Given the {role} role");
                    }
                    break;
                default:
                    var areaRole = l.Role == RowRole.Bcm ? AreaRole.Bcm : AreaRole.TeamLead;
                    var membership = held.FirstOrDefault(m => m.BusinessAreaId == l.Area!.Id && m.Role == areaRole);
                    if (l.Remove == (membership is null)) unchanged++;
                    else if (l.Remove)
                    {
                        w.Remove.Add(membership!);
                        w.Changes.Add($"No longer {(l.Role == RowRole.Bcm ? "BCM" : "team lead")} of {AreaWords(l.Area!)}");
                    }
                    else
                    {
                        w.Add.Add((l.Area!, areaRole));
                        w.Changes.Add($"{Words(l.Role)} of {AreaWords(l.Area!)}");
                    }
                    break;
            }
        }
        foreach (var role in new[] { AreaRole.TeamLead, AreaRole.Bcm })
            if (w.Remove.Any(m => m.Role == role) && held.Count(m => m.Role == role) - w.Remove.Count(m => m.Role == role) + w.Add.Count(a => a.Role == role) == 0)
                w.Changes.Add($"Loses the {Memberships.RoleName(role)} role: no {(role == AreaRole.Bcm ? "BCM" : "team lead")} area left");
        return unchanged;
    }

    private static string Words(RowRole role) => role switch
    {
        RowRole.TeamLead => "Team lead", RowRole.Bcm => "BCM", RowRole.Sro => "SRO", RowRole.Pmo => "PMO", _ => "",
    };

    /// <summary>"Custody (CUSTODY)"; a name that already ends with its code in brackets ("Met Command and Control (MetCC)") stays as it is.</summary>
    private static string AreaWords(BusinessArea area) =>
        area.Name.EndsWith($"({area.Code})", StringComparison.OrdinalIgnoreCase) ? area.Name : $"{area.Name} ({area.Code})";

    /// <summary>"Team lead", "team-lead" and "TeamLead" are one role; "Add" and "add" one action.</summary>
    private static string Canonical(string text) => text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    /// <summary>A value from the file in a message: quoted, and cut short (a file can hold anything).</summary>
    private static string Quote(string value) => value.Length <= 60 ? $"'{value}'" : $"'{value[..57]}…'";
}
