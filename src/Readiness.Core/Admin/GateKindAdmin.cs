using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Admin;

public sealed record GateKindRow(GateKind Kind, string Name, int OffsetDays, string? TemplateKey, string Stamp);

/// <summary>The PMO edits the standard gate of each kind (name and offset from T0); releases' existing gates keep theirs.</summary>
public sealed class GateKindAdmin(ReadinessDbContext db, AdminSupport support)
{
    public static string StampOf(GateKindDefinition k) => Stamp.Of(k.Name, k.OffsetDays);

    public async Task<IReadOnlyList<GateKindRow>> ListAsync(CancellationToken ct) =>
        (await db.GateKindDefinitions.AsNoTracking().ToListAsync(ct)).OrderBy(k => k.OffsetDays)
            .Select(k => new GateKindRow(k.Kind, k.Name, k.OffsetDays, k.TemplateKey, StampOf(k))).ToList();

    public async Task<Result<string>> EditAsync(Actor actor, GateKind kind, string? name, int? offsetDays, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var errors = ReleaseAdmin.GateKindProblems(name, offsetDays).ToList();
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var definition = await db.GateKindDefinitions.FirstOrDefaultAsync(k => k.Kind == kind, ct);
            if (definition is null) return Failures.NotFound($"Gate kind {kind}");
            if (StampOf(definition) != stamp) return AdminSupport.Stale;
            var before = $"{definition.Name} at {Gate.FormatOffset(definition.OffsetDays)}";
            definition.Edit(name!, offsetDays!.Value);
            support.Audit(actor, origin, "gate-kind.edited", "GateKind", kind.ToString(), $"{before} → {definition.Name} at {Gate.FormatOffset(definition.OffsetDays)}");
            return AdminSupport.Done($"The standard {definition.Name} gate is now at {Gate.FormatOffset(definition.OffsetDays)}; releases' existing gates keep their own.");
        }, ct);
    }
}
