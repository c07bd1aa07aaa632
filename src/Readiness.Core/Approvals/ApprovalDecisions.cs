using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Workflows;

namespace Readiness.Core.Approvals;

/// <summary>
/// Records a BCM's or SRO's decision, from an email link or the web UI, in one transaction: the request's
/// decision, the token's use, the workflow transition (and everything its entry actions write), conditions,
/// closing the other approvers' requests, and the audit entry. Of two simultaneous decisions exactly one is
/// recorded; the other is told who decided and when.
/// </summary>
public sealed class ApprovalDecisions(ReadinessDbContext db, WorkflowEngine engine, ApprovalRequester requester, ApprovalQueries queries, ReturnBriefs briefs, AuditLog audit, ReadinessClock clock)
{
    public Task<DecisionOutcome> DecideByTokenAsync(int requestId, string token, string? signedInUserId, DecisionInput input, DecisionOrigin origin, CancellationToken ct) =>
        DecideAsync(requestId, input, origin, viaToken: true, async request =>
        {
            return request.AcceptsLink(token, signedInUserId, clock.UtcNow) ? null : DecisionOutcome.Refused;
        }, ct);

    public Task<DecisionOutcome> DecideAsWebUserAsync(int requestId, string userId, DecisionInput input, DecisionOrigin origin, CancellationToken ct) =>
        DecideAsync(requestId, input, origin, viaToken: false,
            request => Task.FromResult(request.ApproverUserId == userId ? null : DecisionOutcome.Refused), ct);

    private Task<DecisionOutcome> DecideAsync(int requestId, DecisionInput input, DecisionOrigin origin, bool viaToken,
        Func<ApprovalRequest, Task<DecisionOutcome?>> authorise, CancellationToken ct) =>
        DbRetry.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var request = await db.ApprovalRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
            if (request is null) return DecisionOutcome.Refused;
            if (await authorise(request) is { } refused) return refused;
            if (!request.IsPending) return await queries.ClosedAsync(request, ct);
            if (request.SubmitterUserId == request.ApproverUserId)
                return new DecisionOutcome(DecisionOutcomeKind.SelfApproval, "You submitted this return, so you cannot decide on it. Another approver must.");
            var current = await ContentHashes.CurrentForAsync(db, request, ct);
            if (viaToken && current != request.ContentHash)
                return new DecisionOutcome(DecisionOutcomeKind.Stale, "What this link was sent for has changed since. The decision cannot be recorded on the old content: open Readiness to see the current version.");
            if (Validate(request, input) is { } invalid) return invalid;
            if (await ValidateWaiversAsync(request, input, ct) is { } badWaiver) return badWaiver;

            var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == request.WorkflowInstanceId, ct);
            var definition = await engine.DefinitionOfAsync(instance, ct);
            var trigger = Decisions.Trigger(input.Decision);
            var transition = WorkflowMachine.Transition(definition, instance.State, trigger);
            // The request itself is the approver's authority for this decision, whatever their other roles.
            var roles = transition?.AllowedRoles.ToHashSet() ?? [];
            var now = clock.UtcNow;
            var fired = await engine.FireAsync(instance, new TriggerContext(trigger, request.ApproverUserId, roles, request.OnBehalfOfUserId, input.Comment,
                origin.Channel, origin.IpAddress, origin.UserAgent), ct);
            if (!fired.Succeeded) return new DecisionOutcome(DecisionOutcomeKind.Invalid, fired.Failure!.Message);

            request.Record(input.Decision, input.Comment, input.Dca, request.ApproverUserId, viaToken ? DecisionChannel.EmailLink : DecisionChannel.Web, now);
            await requester.CloseOpenAsync(instance.Id, ApprovalStatus.Superseded, $"Decided by another approver (request {request.Id})", request.Id, ct);
            foreach (var w in input.WaiverList)
                db.Waivers.Add(new Waiver(request.Id, request.SubjectId, w.CriterionId, w.Reason.Trim(), request.ApproverUserId, w.ExpiresOn, now));
            foreach (var c in input.Conditions)
                db.ApprovalConditions.Add(new ApprovalCondition(request.Id, request.ReleaseId, c.Description.Trim(), c.Owner.Trim(), c.DueOffsetDays, now));
            await audit.AppendAsync(new AuditRecord(now, request.ApproverUserId, request.OnBehalfOfUserId, "approval.decided", "ApprovalRequest",
                request.Id.ToString(CultureInfo.InvariantCulture), origin.Channel, origin.IpAddress, origin.UserAgent,
                $"{request.Kind} #{request.SubjectId}: Pending → {input.Decision}{(input.Dca is { } d ? $", DCA {Decisions.Words(d)}" : "")}; {input.Conditions.Count} condition(s); {input.WaiverList.Count} waiver(s); “{input.Comment}”"), ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new DecisionOutcome(DecisionOutcomeKind.Recorded, $"Recorded: {Decisions.Words(input.Decision)}.");
        });

    /// <summary>Waivers go with approving a return, on criteria that actually fail in it, with a reason and a future expiry.</summary>
    private async Task<DecisionOutcome?> ValidateWaiversAsync(ApprovalRequest request, DecisionInput input, CancellationToken ct)
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
                else if (w.ExpiresOn <= clock.Today) errors[$"Waivers[{w.CriterionId}]"] = "A waiver must expire after today.";
            }
        }
        return errors.Count == 0 ? null : new DecisionOutcome(DecisionOutcomeKind.Invalid, "Check the waivers: " + string.Join(" ", errors.Values.Distinct()), errors);
    }

    private static DecisionOutcome? Validate(ApprovalRequest request, DecisionInput input)
    {
        var errors = new Dictionary<string, string>();
        if (!Decisions.For(request.Kind).Contains(input.Decision)) errors["Decision"] = "Choose one of the decisions offered.";
        if (Decisions.NeedsComment(input.Decision) && string.IsNullOrWhiteSpace(input.Comment))
            errors["Comment"] = $"Add a comment: it is required for “{Decisions.Words(input.Decision)}”.";
        if (Decisions.HasConditions(input.Decision) && input.Conditions.Count == 0)
            errors["Conditions"] = "Add at least one condition, with an owner and when it is due.";
        if (!Decisions.HasConditions(input.Decision) && input.Conditions.Count > 0)
            errors["Conditions"] = "Conditions only go with “with conditions” decisions. Remove them or change the decision.";
        for (var i = 0; i < input.Conditions.Count; i++)
            if (string.IsNullOrWhiteSpace(input.Conditions[i].Description) || string.IsNullOrWhiteSpace(input.Conditions[i].Owner))
                errors[$"Conditions[{i}]"] = $"Condition {i + 1} needs what must be done and who owns it.";
        if (request.Kind == ApprovalKind.GoLive && input.Dca is null) errors["Dca"] = "Choose the Delivery Confidence Assessment (DCA) for the release.";
        if (request.Kind == ApprovalKind.GoLive && string.IsNullOrWhiteSpace(input.Comment))
            errors["Comment"] = "Give the rationale for your decision and DCA.";
        return errors.Count == 0 ? null : new DecisionOutcome(DecisionOutcomeKind.Invalid, "Check the decision: " + string.Join(" ", errors.Values), errors);
    }
}
