using Readiness.Core.Admin;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Core.Persistence;

namespace Readiness.Core.People;

/// <summary>One row of a people file as written (the parser only splits it; <see cref="PeopleImport"/> judges it).</summary>
/// <param name="Row">The row as a spreadsheet numbers it: the header is row 1.</param>
public sealed record PersonImportRow(int Row, string Email, string Name, string Role, string Area, string Action);

/// <summary>Reads a people file (CSV, implemented with CsvHelper beside the readings parser).</summary>
public interface IPeopleFileParser
{
    /// <summary>The rows, and problems with the file's shape (header, field counts, too many rows, not CSV).</summary>
    (IReadOnlyList<PersonImportRow> Rows, IReadOnlyList<ImportProblem> Problems) Parse(string text, int maxRows);
}

/// <summary>What an import does to one person, in the words the preview and the audit log use.</summary>
public sealed record PersonImportChanges(string Email, string Name, bool IsNew, IReadOnlyList<string> Changes);

/// <summary>
/// The check before an import: every problem (then nothing can be imported), or each person's changes and the rows
/// that change nothing. <see cref="Stamp"/> seals what was shown: the import goes ahead only if it would do exactly this.
/// </summary>
public sealed record PeopleImportPreview(IReadOnlyList<ImportProblem> Problems, IReadOnlyList<PersonImportChanges> People, int RowsUnchanged, string Stamp)
{
    public bool HasProblems => Problems.Count > 0;
    public int Invited => People.Count(p => p.IsNew);
    public int ChangeCount => People.Sum(p => p.Changes.Count);
}

/// <summary>
/// The PMO adds or updates people and their business-area memberships from a CSV file, all or nothing. The file is
/// checked first (<see cref="PreviewAsync"/>: every problem by row and column, or what will change); the import then
/// runs the same check in its unit of work and goes ahead only if the outcome matches what the PMO saw (the stamp), so a
/// change made by someone else meanwhile is never imported over unseen. New people are invited as the invite page
/// does; team lead and BCM follow memberships (<see cref="Memberships"/>); every change is audited before → after.
/// Rows may add (the default) or <c>remove</c> a role or membership; people are never deactivated by a file.
/// </summary>
public sealed class PeopleImport(PeopleImportPlanner planner, IPeopleFileParser parser, UnitOfWork unitOfWork, PeopleAdmin people, Memberships memberships, AdminSupport support)
{
    /// <summary>The file's header; the last column (action) may be left out.</summary>
    public static readonly IReadOnlyList<string> Columns = ["email", "name", "role", "area", "action"];

    public const int MaxRows = 5_000;
    public const int MaxBytes = 1_048_576;
    public const string Via = " (CSV import)";

    public const string StaleMessage = "People or areas in this file were changed by someone else since you checked it, so nothing was imported. " +
                                       "The changes below are what the file would do now: check them, then import again.";

    /// <summary>Checks the file and says what importing it would change; nothing is written.</summary>
    public async Task<Result<PeopleImportPreview>> PreviewAsync(Actor actor, string text, bool withPasswordLink, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Pmo)) return Failures.Forbidden(PeopleAdmin.NotPmo);
        var (rows, problems) = parser.Parse(text, MaxRows);
        return Result<PeopleImportPreview>.Ok((await planner.PlanAsync(actor, rows, problems, withPasswordLink, ct)).Preview);
    }

    /// <summary>
    /// Imports the file if it still does what the preview stamped <paramref name="stamp"/> showed: a preview with
    /// problems is returned as it is (nothing written), a different outcome is refused as stale.
    /// </summary>
    public Task<Result<PeopleImportPreview>> ImportAsync(Actor actor, string text, string stamp, bool withPasswordLink, string fileName, RequestOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            if (!actor.IsIn(Roles.Pmo)) return Failures.Forbidden(PeopleAdmin.NotPmo);
            var (rows, problems) = parser.Parse(text, MaxRows);
            var plan = await planner.PlanAsync(actor, rows, problems, withPasswordLink, c);
            if (plan.Preview.HasProblems) return Result<PeopleImportPreview>.Ok(plan.Preview);
            if (plan.Preview.Stamp != stamp) return Failures.Stale(StaleMessage);
            foreach (var work in plan.Work) await ApplyAsync(actor, origin, work, withPasswordLink, c);
            var p = plan.Preview;
            support.Audit(actor, origin, "people.imported", "People", fileName,
                $"{rows.Count} row(s) of {fileName}: {p.Invited} invited, {p.People.Count - p.Invited} changed, {p.ChangeCount} change(s), {p.RowsUnchanged} row(s) already so");
            return Result<PeopleImportPreview>.Ok(p);
        }, ct, "Someone changed people or areas at the same moment, so nothing was imported. Check the file again and import it.");

    private async Task ApplyAsync(Actor actor, RequestOrigin origin, PersonWork work, bool withPasswordLink, CancellationToken ct)
    {
        var person = work.Person;
        if (person is null)
            person = await people.AddInvitedAsync(actor, origin, work.Email, work.Name!, work.DirectRolesAfter, withPasswordLink, Via, ct);
        else
        {
            if (work.Renames) people.Rename(actor, origin, person, work.Name!, Via);
            if (work.DirectRolesChange) await people.ChangeDirectRolesAsync(actor, origin, person, work.DirectRolesBefore, work.DirectRolesAfter, Via, ct);
            // The person page's stale check: a page shown before the import no longer saves over it.
            person.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
        // Additions first: a person moved from one area to another keeps the role throughout.
        foreach (var (area, role) in work.Add)
        {
            var granted = await memberships.AddAsync(person, area, role, ct);
            support.Audit(actor, origin, "area.member-added", "BusinessArea", area.Code, Memberships.AddedSummary(person.Email!, area.Code, role, granted) + Via);
        }
        foreach (var membership in work.Remove)
        {
            var area = work.AreaOf(membership.BusinessAreaId);
            var lastOne = await memberships.RemoveAsync(membership, person, ct);
            support.Audit(actor, origin, "area.member-removed", "BusinessArea", area.Code, Memberships.RemovedSummary(person.Email!, area.Code, membership.Role, lastOne) + Via);
        }
    }
}
