using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;

namespace Readiness.Core.Admin;

/// <summary>The PMO creates and edits releases and their gates. Every change is validated, stamped and audited.</summary>
public sealed class ReleaseAdmin(ReadinessDbContext db, AdminSupport support)
{
    /// <summary>The end of the refusal to remove a started gate: why it stays and what to do instead.</summary>
    public const string CannotRemove = "it cannot be removed, because that work must stay traceable to it. Rename or move the gate instead.";

    public static string StampOf(Release r) => Stamp.Of(r.Name, r.Description, r.GoLive, r.SroUserId, r.Status);
    // The kind is in the stamp: a form that showed one kind must not save over a gate whose kind changed meanwhile.
    public static string StampOf(Gate g) => Stamp.Of(g.Kind, g.Name, g.DueOffsetDays, g.WorkflowDefinitionId);

    /// <summary>The stamp of a removal: the gate as shown, and exactly the untouched returns the confirm page said would go with it.</summary>
    public static string RemovalStampOf(Gate g, GateActivity activity) => Stamp.Of(StampOf(g), string.Join(',', activity.Untouched.Select(r => r.Id)));

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

    public async Task<Result<string>> CreateAsync(Actor actor, ReleaseInput input, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var errors = await ValidateAsync(input, ct);
            var code = input.Code?.Trim() ?? "";
            if (!AdminSupport.IsCode(code)) errors.Add(new("Code", $"Enter a release code. {AdminSupport.CodeRule}"));
            else if (await db.Releases.AnyAsync(r => r.Code == code, ct)) errors.Add(new("Code", $"Release code {code} is already used. Choose another."));
            if (!await db.Programmes.AnyAsync(p => p.Id == input.ProgrammeId, ct)) errors.Add(new("ProgrammeId", "Choose the programme."));
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var release = new Release(input.ProgrammeId, code, input.Name.Trim(), input.Description?.Trim() ?? "", input.GoLive!.Value, input.SroUserId, input.Status);
            db.Releases.Add(release);
            support.Audit(actor, origin, "release.created", "Release", code, $"(none) → {release.Name}, T0 {release.GoLive:yyyy-MM-dd}, {release.Status}");
            return AdminSupport.Done($"Release {code} created. Add its gates (the standard ones in one go) and impacted areas next.");
        }, ct);
    }

    public async Task<Result<string>> EditAsync(Actor actor, string code, ReleaseInput input, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var errors = await ValidateAsync(input, ct);
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var release = await db.Releases.FirstOrDefaultAsync(r => r.Code == code, ct);
            if (release is null) return Failures.NotFound($"Release {code}");
            if (StampOf(release) != stamp) return AdminSupport.Stale;
            var before = $"{release.Name}, T0 {release.GoLive:yyyy-MM-dd}, SRO {release.SroUserId}, {release.Status}";
            release.Edit(input.Name, input.Description ?? "", input.SroUserId, input.Status);
            var moved = release.GoLive != input.GoLive!.Value;
            if (moved) release.Reschedule(input.GoLive.Value);
            var after = $"{release.Name}, T0 {release.GoLive:yyyy-MM-dd}, SRO {release.SroUserId}, {release.Status}";
            support.Audit(actor, origin, moved ? "release.rescheduled" : "release.edited", "Release", code,
                $"{before} → {after}{(moved ? "; every gate's due date moved with T0" : "")}");
            var returns = await support.EnsureReturnsAsync(release, ct);
            return AdminSupport.Done($"Release {code} saved{(moved ? "; gate due dates moved with T0" : "")}{(returns > 0 ? $"; {returns} return(s) created" : "")}.");
        }, ct);
    }

    /// <summary>A gate's (and a gate kind's) name and offset from T0: the rules of the gate forms, the gate kinds page and portfolio.json.</summary>
    public static IEnumerable<FieldError> GateKindProblems(string? name, int? offsetDays)
    {
        if (string.IsNullOrWhiteSpace(name)) yield return new("Name", "Enter the gate's name.");
        else if (name.Trim().Length > 200) yield return new("Name", "The gate's name must be 200 characters or fewer.");
        if (offsetDays is null) yield return new("OffsetDays", "Enter the gate's offset in days from T0, e.g. -28.");
        else if (offsetDays is < -365 or > 365) yield return new("OffsetDays", "The offset must be within a year of T0 (-365 to 365 days).");
    }

    private async Task<List<FieldError>> ValidateGateAsync(GateInput input, CancellationToken ct)
    {
        var errors = GateKindProblems(input.Name, input.OffsetDays).ToList();
        if (!Enum.IsDefined(input.Kind)) errors.Add(new("Kind", "Choose the kind of gate."));
        else if (!string.IsNullOrWhiteSpace(input.WorkflowDefinitionId))
        {
            var json = await db.WorkflowSnapshots.Where(s => s.DefinitionId == input.WorkflowDefinitionId).OrderByDescending(s => s.Version).Select(s => s.Json).FirstOrDefaultAsync(ct);
            if (json is null) errors.Add(new("WorkflowDefinitionId", "Choose a workflow from the loaded definitions, or the default."));
            // A readiness gate's workflow runs each area's return; any other gate's runs the gate itself (WorkflowCatalog
            // picks the override first), so a workflow for the wrong subject would never fit, e.g. after a kind change.
            else if (WorkflowCatalog.Parse(json).SubjectKind != SubjectKindFor(input.Kind))
                errors.Add(new("WorkflowDefinitionId", $"Workflow {input.WorkflowDefinitionId} runs {Words(WorkflowCatalog.Parse(json).SubjectKind)}; a {input.Kind} gate needs one that runs {Words(SubjectKindFor(input.Kind))}. Choose another, or the default for the kind."));
        }
        return errors;
    }

    private static string SubjectKindFor(GateKind kind) => kind == GateKind.Readiness ? SubjectKinds.AreaReturn : SubjectKinds.Gate;

    private static string Words(string subjectKind) => subjectKind == SubjectKinds.AreaReturn ? "area returns" : "a release gate";

    /// <summary>A readiness gate collects returns on the latest version of the template the portfolio uses for readiness.</summary>
    private async Task<int?> ReadinessTemplateIdAsync(CancellationToken ct)
    {
        var key = await db.Gates.Where(g => g.Kind == GateKind.Readiness && g.TemplateId != null).Join(db.Templates, g => g.TemplateId, t => t.Id, (g, t) => t.Key).FirstOrDefaultAsync(ct)
                  ?? await db.Templates.Select(t => t.Key).FirstOrDefaultAsync(ct);
        return key is null ? null : await db.Templates.Where(t => t.Key == key).OrderByDescending(t => t.Version).Select(t => (int?)t.Id).FirstAsync(ct);
    }

    public async Task<Result<string>> AddGateAsync(Actor actor, string code, GateInput input, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var errors = await ValidateGateAsync(input, ct);
            var release = await db.Releases.FirstOrDefaultAsync(r => r.Code == code, ct);
            if (release is null) return Failures.NotFound($"Release {code}");
            if (Enum.IsDefined(input.Kind) && await db.Gates.AnyAsync(g => g.ReleaseId == release.Id && g.Kind == input.Kind, ct))
                errors.Add(new("Kind", $"This release already has a {input.Kind} gate. Edit it instead."));
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var templateId = input.Kind == GateKind.Readiness ? await ReadinessTemplateIdAsync(ct) : null;
            db.Gates.Add(new Gate(release.Id, input.Kind, input.Name.Trim(), input.OffsetDays!.Value, templateId, NullIfBlank(input.WorkflowDefinitionId)));
            var returns = await support.EnsureReturnsAsync(release, ct);
            support.Audit(actor, origin, "gate.added", "Release", code,
                $"(no {input.Kind} gate) → {input.Name.Trim()} at {Gate.FormatOffset(input.OffsetDays.Value)}, workflow {NullIfBlank(input.WorkflowDefinitionId) ?? "default"}; {returns} return(s) created");
            return AdminSupport.Done($"Gate {input.Name.Trim()} added{(returns > 0 ? $"; {returns} return(s) created" : "")}.");
        }, ct);
    }

    /// <summary>
    /// Adds the standard gates (<see cref="GateKindDefinition"/>) the release does not have yet, each with the kind's name
    /// and offset as they are now, and the readiness returns they call for.
    /// </summary>
    public async Task<Result<string>> AddStandardGatesAsync(Actor actor, string code, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var release = await db.Releases.FirstOrDefaultAsync(r => r.Code == code, ct);
            if (release is null) return Failures.NotFound($"Release {code}");
            var has = await db.Gates.Where(g => g.ReleaseId == release.Id).Select(g => g.Kind).ToListAsync(ct);
            var missing = (await db.GateKindDefinitions.OrderBy(k => k.OffsetDays).ToListAsync(ct)).Where(k => !has.Contains(k.Kind)).ToList();
            if (missing.Count == 0) return Failures.Invalid("", $"{code} already has a gate of every standard kind (Admin → Gate kinds).");
            foreach (var kind in missing)
            {
                var templateId = kind.Kind != GateKind.Readiness ? null
                    : kind.TemplateKey is { } key ? await db.Templates.Where(t => t.Key == key).OrderByDescending(t => t.Version).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct)
                    : await ReadinessTemplateIdAsync(ct);
                db.Gates.Add(new Gate(release.Id, kind.Kind, kind.Name, kind.OffsetDays, templateId));
                support.Audit(actor, origin, "gate.added", "Release", code, $"(no {kind.Kind} gate) → {kind.Name} at {Gate.FormatOffset(kind.OffsetDays)}, workflow default (standard gate)");
            }
            var returns = await support.EnsureReturnsAsync(release, ct);
            return AdminSupport.Done($"{missing.Count} standard gate(s) added to {code}{(returns > 0 ? $"; {returns} return(s) created" : "")}.");
        }, ct);
    }

    /// <summary>The end of the refusal to change a started gate's kind, on save and on the edit form.</summary>
    public const string KindLocked = "its kind cannot change. Add a new gate of the kind you need instead.";

    /// <summary>
    /// Renames or moves a gate, changes its workflow and, while nothing has started on it (<see cref="GateActivity"/>),
    /// its kind. A release has one gate of each kind (unique index), and the workflow must suit the new kind.
    /// </summary>
    public async Task<Result<string>> EditGateAsync(Actor actor, int gateId, GateInput input, string stamp, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            var errors = await ValidateGateAsync(input, ct);
            if (errors.Count > 0) return AdminSupport.Invalid(errors);
            var gate = await db.Gates.Include(g => g.Release).FirstOrDefaultAsync(g => g.Id == gateId, ct);
            if (gate is null) return Failures.NotFound("The gate");
            if (StampOf(gate) != stamp) return AdminSupport.Stale;
            var before = $"{gate.Name} at {Gate.FormatOffset(gate.DueOffsetDays)}, workflow {gate.WorkflowDefinitionId ?? "default"}";
            if (gate.Kind == input.Kind)
            {
                gate.Edit(input.Name, input.OffsetDays!.Value, input.WorkflowDefinitionId);
                support.Audit(actor, origin, "gate.edited", "Release", gate.Release!.Code,
                    $"{before} → {gate.Name} at {Gate.FormatOffset(gate.DueOffsetDays)}, workflow {gate.WorkflowDefinitionId ?? "default"}");
                return AdminSupport.Done($"Gate {gate.Name} saved.");
            }
            // Started first: then the kind cannot change at all, whichever kind was asked for.
            var activity = await GateActivity.OfAsync(db, gate, ct);
            if (activity.Started)
                return Failures.Invalid("Kind", activity.Refusal(gate.Release!.Code, gate, KindLocked));
            if (await db.Gates.Where(g => g.ReleaseId == gate.ReleaseId && g.Kind == input.Kind).Select(g => g.Name).FirstOrDefaultAsync(ct) is { } other)
                return Failures.Invalid("Kind", $"{gate.Release!.Code} already has a {input.Kind} gate ({other}); a release has one gate of each kind. Change or remove that gate first.");
            var fromKind = gate.Kind;
            gate.Edit(input.Name, input.OffsetDays!.Value, input.WorkflowDefinitionId);
            // Gate has no method to change its kind (entity classes are outside the admin's remit), so the tracked
            // entry is written as EF writes it when loading. Only returns and the template depend on the kind:
            // a readiness gate has the template and a return per impacted area; other kinds have neither.
            var entry = db.Entry(gate);
            entry.Property(g => g.Kind).CurrentValue = input.Kind;
            entry.Property(g => g.TemplateId).CurrentValue = input.Kind == GateKind.Readiness ? await ReadinessTemplateIdAsync(ct) : null;
            var removed = await activity.RemoveUntouchedAsync(db, ct);
            var created = await support.EnsureReturnsAsync(gate.Release!, ct);
            support.Audit(actor, origin, "gate.kind-changed", "Release", gate.Release!.Code,
                $"{fromKind}: {before} → {input.Kind}: {gate.Name} at {Gate.FormatOffset(gate.DueOffsetDays)}, workflow {gate.WorkflowDefinitionId ?? "default"}; "
                + $"{(removed > 0 ? activity.UntouchedWords : "no returns")} removed, {created} return(s) created");
            return AdminSupport.Done($"Gate {gate.Name} is now a {input.Kind} gate{(removed > 0 ? $"; {removed} untouched return(s) removed" : "")}{(created > 0 ? $"; {created} return(s) created" : "")}.");
        }, ct);
    }

    /// <summary>
    /// Removes a gate nobody has started on, with its untouched returns: they hold no answers, so nothing anyone did is
    /// lost, and a gate cannot go while returns point at it (restricted foreign key). A gate with work or decisions on
    /// it stays, because the audit trail must be able to show what those were made against.
    /// </summary>
    public async Task<Result<string>> RemoveGateAsync(Actor actor, int gateId, string stamp, bool confirmed, RequestOrigin origin, CancellationToken ct)
    {
        return await support.CommitAsync(async () =>
        {
            if (!actor.IsIn(Roles.Pmo)) return AdminSupport.NotPmoFailure;
            if (!confirmed) return Failures.Invalid("Confirm", "Tick the box to confirm that the gate should be removed.");
            var gate = await db.Gates.Include(g => g.Release).FirstOrDefaultAsync(g => g.Id == gateId, ct);
            if (gate is null) return AdminSupport.Stale; // removed by someone else meanwhile
            var activity = await GateActivity.OfAsync(db, gate, ct);
            if (activity.Started)
                return Failures.Invalid(activity.Refusal(gate.Release!.Code, gate, CannotRemove));
            if (RemovalStampOf(gate, activity) != stamp) return AdminSupport.Stale;
            var removed = await activity.RemoveUntouchedAsync(db, ct);
            db.Gates.Remove(gate);
            support.Audit(actor, origin, "gate.removed", "Release", gate.Release!.Code,
                $"{gate.Kind}: {gate.Name} at {Gate.FormatOffset(gate.DueOffsetDays)}, workflow {gate.WorkflowDefinitionId ?? "default"} → (no {gate.Kind} gate); "
                + $"{(removed > 0 ? activity.UntouchedWords : "no returns")} removed");
            return AdminSupport.Done($"Gate {gate.Name} removed from {gate.Release.Code}{(removed > 0 ? $" with {removed} untouched return(s)" : "")}.");
        }, ct);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
