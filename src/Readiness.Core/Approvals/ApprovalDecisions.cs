using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Workflows;

namespace Readiness.Core.Approvals;

/// <summary>A decision as recorded, for the confirmation the approver sees.</summary>
public sealed record DecisionRecorded(int RequestId, ApprovalKind Kind, Decision Decision, string Message);

/// <summary>What the decision trigger carries to the workflow's entry actions: the request, already decided, and the input.</summary>
public sealed record DecisionPayload(ApprovalRequest Request, DecisionInput Input);

/// <summary>
/// Records a BCM's or SRO's decision, from an email link or the web UI, in one unit of work. The request records the
/// decision first — with its conditions and waivers, the other approvers' requests closed — and the workflow trigger
/// then carries it, under the request's authority, so every entry action (the SRO's go-live pack among them) sees the
/// final state. Of two simultaneous decisions exactly one is recorded; the other is told who decided and when.
/// </summary>
public sealed class ApprovalDecisions(ReadinessDbContext db, UnitOfWork unitOfWork, WorkflowEngine engine, ApprovalRequester requester, ApprovalQueries queries,
    ReturnBriefs briefs, AuditLog audit, ReadinessClock clock, Risks.RiskAcknowledgements risks)
{
    public const string SelfApprovalMessage = "You submitted this return, so you cannot decide on it. Another approver must.";
    public const string StaleMessage = "What this link was sent for has changed since. The decision cannot be recorded on the old content: open Readiness to see the current version.";

    /// <summary>A decision from an email link; <paramref name="legacyRequestId"/> is the id in links sent before links carried only the token.</summary>
    public Task<Result<DecisionRecorded>> DecideByTokenAsync(string token, int? legacyRequestId, string? signedInUserId, DecisionInput input, DecisionOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            var request = await queries.FindByTokenAsync(token, legacyRequestId, c);
            if (request is null || !request.AcceptsLink(token, signedInUserId, clock.UtcNow)) return Refused;
            return await DecideAsync(request, input, origin, viaToken: true, c);
        }, ct);

    public Task<Result<DecisionRecorded>> DecideAsWebUserAsync(int requestId, string userId, DecisionInput input, DecisionOrigin origin, CancellationToken ct) =>
        unitOfWork.RunAsync(async c =>
        {
            var request = await db.ApprovalRequests.FirstOrDefaultAsync(r => r.Id == requestId, c);
            if (request is null || request.ApproverUserId != userId) return Refused;
            return await DecideAsync(request, input, origin, viaToken: false, c);
        }, ct);

    /// <summary>Forged, expired, mismatched or not yours: one uniform answer.</summary>
    private static Failure Refused => new(FailureKind.NotFound, ApprovalQueries.UniformRefusal);

    private async Task<Result<DecisionRecorded>> DecideAsync(ApprovalRequest request, DecisionInput input, DecisionOrigin origin, bool viaToken, CancellationToken ct)
    {
        if (!request.IsPending) return Failures.Conflict(await queries.ClosedAsync(request, ct));
        if (request.SubmitterUserId == request.ApproverUserId) return Failures.Forbidden(SelfApprovalMessage);
        if (viaToken && await ContentHashes.CurrentForAsync(db, request, ct) != request.ContentHash) return Failures.Stale(StaleMessage);
        if (Validate(request, input) is { } invalid) return invalid;
        if (await ValidateWaiversAsync(request, input, ct) is { } badWaiver) return badWaiver;
        if (request.Kind == ApprovalKind.AreaReturn && await UncoveredFailuresAsync(request, input, ct) is { } uncovered) return uncovered;

        var now = clock.UtcNow;
        // Go / no-go: every open high risk of the release acknowledged, or nothing is recorded (the unit of work rolls back).
        if (await risks.CheckAndRecordAsync(request, input.AcknowledgedRiskList, origin, now, ct) is { } unacknowledged) return unacknowledged;
        var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == request.WorkflowInstanceId, ct);
        request.Record(input.Decision, input.Comment, input.Dca, request.ApproverUserId, viaToken ? DecisionChannel.EmailLink : DecisionChannel.Web, now);
        await requester.CloseOpenAsync(instance, ApprovalStatus.Superseded, $"Decided by another approver (request {request.Id})", request, ct);
        foreach (var w in input.WaiverList)
            db.Waivers.Add(new Waiver(request.Id, request.SubjectId, w.CriterionId, w.Reason.Trim(), request.ApproverUserId, w.ExpiresOn, now));
        foreach (var c in input.Conditions)
            db.ApprovalConditions.Add(new ApprovalCondition(request.Id, request.ReleaseId, c.Description.Trim(), c.Owner.Trim(), c.DueOffsetDays, now));

        var onBehalf = request.OnBehalfOfUserId is { } d ? $", as delegate of {await db.Users.Where(u => u.Id == d).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)}" : "";
        var trigger = new TriggerContext(Decisions.Trigger(input.Decision), request.ApproverUserId, new HashSet<string>(), request.OnBehalfOfUserId, input.Comment,
            origin.Channel, origin.IpAddress, origin.UserAgent)
        {
            Authority = new TriggerAuthority(ApprovalRequestAuthority.KindName, request.Id, $"acting on approval request {request.Id}{onBehalf}"),
            Payload = new DecisionPayload(request, input),
        };
        var fired = await engine.FireAsync(instance, trigger, ct);
        // A decision the workflow will not take now (e.g. Go while a pre-go-live condition is open) is the approver's
        // choice to change: it is put on the decision field, with the guard's explanation.
        if (fired.Failure is { Kind: FailureKind.Conflict } blocked) return Failures.Invalid("Decision", blocked.Message);
        if (!fired.Succeeded) return fired.Failure!;

        audit.Append(new AuditRecord(now, request.ApproverUserId, request.OnBehalfOfUserId, "approval.decided", AuditQueries.ApprovalRequestSubject,
            request.Id.ToString(CultureInfo.InvariantCulture), origin.Channel, origin.IpAddress, origin.UserAgent,
            $"{request.Kind} #{request.SubjectId}: Pending → {input.Decision}{(input.Dca is { } dca ? $", DCA {Decisions.Words(dca)}" : "")}; {input.Conditions.Count} condition(s); {input.WaiverList.Count} waiver(s); “{input.Comment}”"));
        return Result<DecisionRecorded>.Ok(new DecisionRecorded(request.Id, request.Kind, input.Decision, $"Recorded: {Decisions.Words(input.Decision)}."));
    }

    /// <summary>Waivers go with approving a return, on criteria that actually fail in it, with a reason and a future expiry.</summary>
    private async Task<Failure?> ValidateWaiversAsync(ApprovalRequest request, DecisionInput input, CancellationToken ct)
    {
        if (input.WaiverList.Count == 0) return null;
        var errors = new Dictionary<string, string>();
        if (request.Kind != ApprovalKind.AreaReturn || input.Decision == Decision.Return)
            errors["Waivers"] = "Waivers go with approving a return. Remove them or change the decision.";
        else
        {
            var failing = (await briefs.ForAsync(request.SubjectId, ct)).Card.Outcomes.Where(o => o.Applies && o.Check.Passed == false).Select(o => o.Criterion.Id).ToHashSet();
            foreach (var w in input.WaiverList)
            {
                if (!failing.Contains(w.CriterionId)) errors[$"Waivers[{w.CriterionId}]"] = "Only a criterion that does not pass can be waived.";
                else if (string.IsNullOrWhiteSpace(w.Reason)) errors[$"Waivers[{w.CriterionId}]"] = "Say why the failed criterion is acceptable.";
                else if (TextLimits.TooLong(w.Reason, TextLimits.Comment, "The waiver's reason") is { } longReason) errors[$"Waivers[{w.CriterionId}]"] = longReason;
                else if (w.ExpiresOn <= clock.Today) errors[$"Waivers[{w.CriterionId}]"] = "A waiver must expire after today.";
            }
        }
        return errors.Count == 0 ? null : Failures.Invalid(errors, "Check the waivers: " + string.Join(" ", errors.Values.Distinct()));
    }

    /// <summary>
    /// A plain Approve with a criterion below its minimum pass that is neither waived (now or by an earlier approver of the
    /// same return) nor covered by an earlier approval's conditions is refused, naming the criteria (<see cref="FailureRule"/>).
    /// </summary>
    private async Task<Failure?> UncoveredFailuresAsync(ApprovalRequest request, DecisionInput input, CancellationToken ct)
    {
        if (input.Decision != Decision.Approve) return null;
        var failing = FailureRule.Of((await briefs.ForAsync(request.SubjectId, ct)).Card);
        if (failing.Count == 0) return null;
        var waived = (await db.Waivers.Where(w => w.AssessmentId == request.SubjectId).Select(w => w.CriterionId).ToListAsync(ct))
            .Concat(input.WaiverList.Select(w => w.CriterionId)).ToHashSet();
        var conditional = await db.ApprovalRequests.AnyAsync(r => r.Kind == ApprovalKind.AreaReturn && r.SubjectId == request.SubjectId
            && r.Status == ApprovalStatus.Decided && r.Decision == Decision.ApproveWithConditions, ct);
        return FailureRule.CheckDecision(input.Decision, failing, waived, conditional);
    }

    private static Failure? Validate(ApprovalRequest request, DecisionInput input)
    {
        var errors = new Dictionary<string, string>();
        if (!Decisions.For(request.Kind).Contains(input.Decision)) errors["Decision"] = "Choose one of the decisions offered.";
        if (TextLimits.TooLong(input.Comment, TextLimits.Comment, "The comment") is { } longComment) errors["Comment"] = longComment;
        else if (Decisions.NeedsComment(input.Decision) && string.IsNullOrWhiteSpace(input.Comment))
            errors["Comment"] = $"Add a comment: it is required for “{Decisions.Words(input.Decision)}”.";
        if (Decisions.HasConditions(input.Decision) && input.Conditions.Count == 0)
            errors["Conditions"] = "Add at least one condition, with an owner and when it is due.";
        if (!Decisions.HasConditions(input.Decision) && input.Conditions.Count > 0)
            errors["Conditions"] = "Conditions only go with “with conditions” decisions. Remove them or change the decision.";
        for (var i = 0; i < input.Conditions.Count; i++)
            if (string.IsNullOrWhiteSpace(input.Conditions[i].Description) || string.IsNullOrWhiteSpace(input.Conditions[i].Owner))
                errors[$"Conditions[{i}]"] = $"Condition {i + 1} needs what must be done and who owns it.";
            else if ((TextLimits.TooLong(input.Conditions[i].Description, TextLimits.Comment, $"Condition {i + 1}")
                      ?? TextLimits.TooLong(input.Conditions[i].Owner, TextLimits.Name, $"Condition {i + 1}'s owner")) is { } longCondition)
                errors[$"Conditions[{i}]"] = longCondition;
        if (request.Kind == ApprovalKind.GoLive && input.Dca is null) errors["Dca"] = "Choose the Delivery Confidence Assessment (DCA) for the release.";
        if (request.Kind == ApprovalKind.GoLive && string.IsNullOrWhiteSpace(input.Comment))
            errors["Comment"] = "Give the rationale for your decision and DCA.";
        if (request.Kind == ApprovalKind.PostGoLiveReview && string.IsNullOrWhiteSpace(input.Comment))
            errors["Comment"] = "Give the rationale for closing the release or keeping it in hypercare.";
        return errors.Count == 0 ? null : Failures.Invalid(errors, "Check the decision: " + string.Join(" ", errors.Values));
    }
}

/// <summary>
/// An approval request is its approver's authority for the decision it asks: the decision transitions of the state it
/// was asked in, while the instance is still in that state, for the person asked — whatever their other roles.
/// </summary>
internal sealed class ApprovalRequestAuthority : IWorkflowAuthority
{
    public const string KindName = "ApprovalRequest";

    public string Kind => KindName;

    public async Task<bool> AllowsAsync(WorkflowContext context, TransitionDefinition transition, CancellationToken ct)
    {
        var id = context.Trigger.Authority!.Id;
        var request = context.Db.ApprovalRequests.Local.FirstOrDefault(r => r.Id == id) ?? await context.Db.ApprovalRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        return request is not null
            && request.WorkflowInstanceId == context.Instance.Id
            && request.IssuedInState == context.Instance.State
            && request.ApproverUserId == context.Trigger.ActorUserId
            && request.Decision is { } decision
            && Decisions.Trigger(decision) == transition.Trigger
            && Decisions.For(request.Kind).Contains(decision);
    }
}
