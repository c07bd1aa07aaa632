using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Admin;

/// <summary>The PMO creates and edits releases and their gates. Every change is validated, stamped and audited.</summary>
public sealed class ReleaseAdmin(ReadinessDbContext db, AdminSupport support)
{
    public static string StampOf(Release r) => Stamp.Of(r.Name, r.Description, r.GoLive, r.SroUserId, r.Status);
    public static string StampOf(Gate g) => Stamp.Of(g.Name, g.DueOffsetDays, g.WorkflowDefinitionId);

    private async Task<List<FieldError>> ValidateAsync(ReleaseInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(new("Name", "Enter the release's name."));
        else if (input.Name.Length > 200) errors.Add(new("Name", "The name must be 200 characters or fewer."));
        if (input.GoLive is null) errors.Add(new("GoLive", "Enter the go-live date (T0)."));
        if (!Enum.IsDefined(input.Status)) errors.Add(new("Status", "Choose a status."));
        var sroIds = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Sro select ur.UserId).ToListAsync(ct);
        if (!sroIds.Contains(input.SroUserId)) errors.Add(new("SroUserId", "Choose a Senior Responsible Owner from the list."));
        return errors;
    }

    public async Task<AdminOutcome> CreateAsync(Actor actor, ReleaseInput input, RequestOrigin origin, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Pmo)) return AdminOutcome.Invalid("", AdminSupport.NotPmo);
        var errors = await ValidateAsync(input, ct);
        var code = input.Code?.Trim() ?? "";
        if (!AdminSupport.IsCode(code)) errors.Add(new("Code", $"Enter a release code. {AdminSupport.CodeRule}"));
        else if (await db.Releases.AnyAsync(r => r.Code == code, ct)) errors.Add(new("Code", $"Release code {code} is already used. Choose another."));
        if (!await db.Programmes.AnyAsync(p => p.Id == input.ProgrammeId, ct)) errors.Add(new("ProgrammeId", "Choose the programme."));
        if (errors.Count > 0) return AdminOutcome.Invalid(errors);
        return await support.CommitAsync(async () =>
        {
            var release = new Release(input.ProgrammeId, code, input.Name.Trim(), input.Description?.Trim() ?? "", input.GoLive!.Value, input.SroUserId, input.Status);
            db.Releases.Add(release);
            await support.AuditAsync(actor, origin, "release.created", "Release", code, $"(none) → {release.Name}, T0 {release.GoLive:yyyy-MM-dd}, {release.Status}", ct);
            return AdminOutcome.Done($"Release {code} created. Add its gates and impacted areas next.");
        }, ct);
    }

    public async Task<AdminOutcome> EditAsync(Actor actor, string code, ReleaseInput input, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Pmo)) return AdminOutcome.Invalid("", AdminSupport.NotPmo);
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0) return AdminOutcome.Invalid(errors);
        return await support.CommitAsync(async () =>
        {
            var release = await db.Releases.FirstOrDefaultAsync(r => r.Code == code, ct);
            if (release is null) return AdminOutcome.Missing($"Release {code}");
            if (StampOf(release) != stamp) return AdminOutcome.Conflict();
            var before = $"{release.Name}, T0 {release.GoLive:yyyy-MM-dd}, SRO {release.SroUserId}, {release.Status}";
            release.Edit(input.Name, input.Description ?? "", input.SroUserId, input.Status);
            var moved = release.GoLive != input.GoLive!.Value;
            if (moved) release.Reschedule(input.GoLive.Value);
            var after = $"{release.Name}, T0 {release.GoLive:yyyy-MM-dd}, SRO {release.SroUserId}, {release.Status}";
            await support.AuditAsync(actor, origin, moved ? "release.rescheduled" : "release.edited", "Release", code,
                $"{before} → {after}{(moved ? "; every gate's due date moved with T0" : "")}", ct);
            var returns = await support.EnsureReturnsAsync(release, ct);
            return AdminOutcome.Done($"Release {code} saved{(moved ? "; gate due dates moved with T0" : "")}{(returns > 0 ? $"; {returns} return(s) created" : "")}.");
        }, ct);
    }

    private async Task<List<FieldError>> ValidateGateAsync(GateInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(new("Gate.Name", "Enter the gate's name."));
        if (input.OffsetDays is null) errors.Add(new("Gate.OffsetDays", "Enter the gate's offset in days from T0, e.g. -28."));
        else if (input.OffsetDays is < -365 or > 365) errors.Add(new("Gate.OffsetDays", "The offset must be within a year of T0 (-365 to 365 days)."));
        if (!string.IsNullOrWhiteSpace(input.WorkflowDefinitionId) && !await db.WorkflowSnapshots.AnyAsync(s => s.DefinitionId == input.WorkflowDefinitionId, ct))
            errors.Add(new("Gate.WorkflowDefinitionId", "Choose a workflow from the loaded definitions, or the default."));
        return errors;
    }

    public async Task<AdminOutcome> AddGateAsync(Actor actor, string code, GateInput input, RequestOrigin origin, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Pmo)) return AdminOutcome.Invalid("", AdminSupport.NotPmo);
        var errors = await ValidateGateAsync(input, ct);
        var release = await db.Releases.FirstOrDefaultAsync(r => r.Code == code, ct);
        if (release is null) return AdminOutcome.Missing($"Release {code}");
        if (!Enum.IsDefined(input.Kind)) errors.Add(new("Gate.Kind", "Choose the kind of gate."));
        else if (await db.Gates.AnyAsync(g => g.ReleaseId == release.Id && g.Kind == input.Kind, ct))
            errors.Add(new("Gate.Kind", $"This release already has a {input.Kind} gate. Edit it instead."));
        if (errors.Count > 0) return AdminOutcome.Invalid(errors);
        return await support.CommitAsync(async () =>
        {
            // A readiness gate collects returns on the latest version of the template the portfolio uses for readiness.
            int? templateId = null;
            if (input.Kind == GateKind.Readiness)
            {
                var key = await db.Gates.Where(g => g.Kind == GateKind.Readiness && g.TemplateId != null).Join(db.Templates, g => g.TemplateId, t => t.Id, (g, t) => t.Key).FirstOrDefaultAsync(ct)
                          ?? await db.Templates.Select(t => t.Key).FirstOrDefaultAsync(ct);
                templateId = key is null ? null : await db.Templates.Where(t => t.Key == key).OrderByDescending(t => t.Version).Select(t => (int?)t.Id).FirstAsync(ct);
            }
            db.Gates.Add(new Gate(release.Id, input.Kind, input.Name.Trim(), input.OffsetDays!.Value, templateId, NullIfBlank(input.WorkflowDefinitionId)));
            await db.SaveChangesAsync(ct);
            var returns = await support.EnsureReturnsAsync(release, ct);
            await support.AuditAsync(actor, origin, "gate.added", "Release", code,
                $"(no {input.Kind} gate) → {input.Name.Trim()} at {Gate.FormatOffset(input.OffsetDays.Value)}, workflow {NullIfBlank(input.WorkflowDefinitionId) ?? "default"}; {returns} return(s) created", ct);
            return AdminOutcome.Done($"Gate {input.Name.Trim()} added{(returns > 0 ? $"; {returns} return(s) created" : "")}.");
        }, ct);
    }

    public async Task<AdminOutcome> EditGateAsync(Actor actor, int gateId, GateInput input, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        if (!actor.IsIn(Roles.Pmo)) return AdminOutcome.Invalid("", AdminSupport.NotPmo);
        var errors = await ValidateGateAsync(input, ct);
        if (errors.Count > 0) return AdminOutcome.Invalid(errors);
        return await support.CommitAsync(async () =>
        {
            var gate = await db.Gates.Include(g => g.Release).FirstOrDefaultAsync(g => g.Id == gateId, ct);
            if (gate is null) return AdminOutcome.Missing("The gate");
            if (StampOf(gate) != stamp) return AdminOutcome.Conflict();
            var before = $"{gate.Name} at {Gate.FormatOffset(gate.DueOffsetDays)}, workflow {gate.WorkflowDefinitionId ?? "default"}";
            gate.Edit(input.Name, input.OffsetDays!.Value, input.WorkflowDefinitionId);
            await support.AuditAsync(actor, origin, "gate.edited", "Release", gate.Release!.Code,
                $"{before} → {gate.Name} at {Gate.FormatOffset(gate.DueOffsetDays)}, workflow {gate.WorkflowDefinitionId ?? "default"}", ct);
            return AdminOutcome.Done($"Gate {gate.Name} saved.");
        }, ct);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
