using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Admin;

public sealed record ProgrammeInput(string Code, string Name, string Description);

public sealed record ProgrammeRow(string Code, string Name, string Description, int Releases, string Stamp);

/// <summary>The PMO adds programmes and renames them (the rules of portfolio.json: a code of capitals, digits and hyphens, unique; a name).</summary>
public sealed class ProgrammeAdmin(ReadinessDbContext db, AdminSupport support)
{
    public const int MaxName = 200;

    public static string StampOf(Programme p) => Stamp.Of(p.Name, p.Description);

    /// <summary>
    /// The programmes whose code or name contains <paramref name="search"/> (all when empty), by name, at most
    /// <paramref name="limit"/> of them, and how many match: the administration home names a few and asks for a search.
    /// </summary>
    public async Task<(List<ProgrammeRow> Rows, int Total)> ListAsync(string? search, int limit, CancellationToken ct)
    {
        var programmes = db.Programmes.AsNoTracking().Matching(search, p => p.Code, p => p.Name);
        var rows = await programmes.OrderBy(p => p.Name).Take(limit)
            .Select(p => new ProgrammeRow(p.Code, p.Name, p.Description, p.Releases.Count, "")).ToListAsync(ct);
        return (rows, await programmes.CountAsync(ct));
    }

    public async Task<ProgrammeRow?> GetAsync(string code, CancellationToken ct)
    {
        var p = await db.Programmes.AsNoTracking().Include(x => x.Releases).FirstOrDefaultAsync(x => x.Code == code, ct);
        return p is null ? null : new ProgrammeRow(p.Code, p.Name, p.Description, p.Releases.Count, StampOf(p));
    }

    private static List<FieldError> Validate(ProgrammeInput input)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(new("Name", "Enter the programme's name, e.g. CONNECT."));
        else if (input.Name.Trim().Length > MaxName) errors.Add(new("Name", $"The name must be {MaxName} characters or fewer."));
        if (TextLimits.TooLong(input.Description, TextLimits.Comment, "The description") is { } tooLong) errors.Add(new("Description", tooLong));
        return errors;
    }

    public async Task<Result<string>> CreateAsync(Actor actor, ProgrammeInput input, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var errors = Validate(input);
            var code = input.Code?.Trim() ?? "";
            if (!AdminSupport.IsCode(code)) errors.Insert(0, new("Code", $"Enter the programme's code. {AdminSupport.CodeRule}"));
            else if (await db.Programmes.AnyAsync(p => p.Code == code, ct)) errors.Insert(0, new("Code", $"Programme code {code} is already used. Choose another."));
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var programme = new Programme(code, input.Name.Trim(), input.Description?.Trim() ?? "");
            db.Programmes.Add(programme);
            support.Audit(actor, origin, "programme.created", "Programme", code, $"(none) → {programme.Name}");
            return AdminSupport.Done($"Programme {code} created. Add its releases next.");
        }, ct);
    }

    public async Task<Result<string>> EditAsync(Actor actor, string code, ProgrammeInput input, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var errors = Validate(input);
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var programme = await db.Programmes.FirstOrDefaultAsync(p => p.Code == code, ct);
            if (programme is null) return Failures.NotFound($"Programme {code}");
            if (StampOf(programme) != stamp) return AdminSupport.Stale;
            var before = $"{programme.Name}: {programme.Description}";
            programme.Edit(input.Name, input.Description ?? "");
            support.Audit(actor, origin, "programme.edited", "Programme", code, $"{before} → {programme.Name}: {programme.Description}");
            return AdminSupport.Done($"Programme {code} saved.");
        }, ct);
    }
}
