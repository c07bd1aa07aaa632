using System.Text.RegularExpressions;
using Readiness.Core.Approvals;

namespace Readiness.Core.Audit;

/// <summary>
/// What happened, as a sentence a person reads: "Simon Fairweather approved the Custody return", "All returns
/// approved: the SRO was asked to decide". Used by the workflow journal and the audit trail, which store the code's
/// names (triggers, actions) so that what is kept never changes; only how it reads does.
/// </summary>
public static partial class ActivityWords
{
    /// <summary>A workflow transition. <paramref name="subject"/> is what it is about ("the Custody return", "the Go / no-go gate").</summary>
    public static string Transition(string trigger, string? actor, string subject, string? onBehalfOf = null)
    {
        var who = Who(actor, onBehalfOf);
        return trigger switch
        {
            "submit" => $"{who} submitted {subject}",
            "resubmit" => $"{who} submitted {subject} again",
            "approve" => $"{who} approved {subject}",
            "approveWithConditions" => $"{who} approved {subject} with conditions",
            "return" => $"{who} returned {subject} to the team lead",
            "allReturnsApproved" => "All returns approved: the SRO was asked to decide",
            "go" => $"{who} decided Go at {subject}",
            "goWithConditions" => $"{who} decided Go with conditions at {subject}",
            "noGo" => $"{who} decided No-go at {subject}",
            "wentLive" => actor is null ? "The release went live: post-go-live monitoring started" : $"{who} recorded that the release went live",
            "close" => actor is null ? "The watch period ended: the gate was closed" : $"{who} closed {subject}",
            "replan" => $"{who} sent {subject} back to be re-planned",
            "escalate" => $"{subject} was escalated: the decision was not made in time",
            _ => $"{who}: {Spaced(trigger)} ({subject})",
        };
    }

    /// <summary>One audit entry. <paramref name="subject"/> names what it is about; null when unknown.</summary>
    public static string Entry(string action, string? actor, string? onBehalfOf, string? subject, string summary)
    {
        var who = Who(actor, onBehalfOf);
        var what = subject ?? "an item";
        if (action.StartsWith("workflow.", StringComparison.Ordinal)) return Transition(action["workflow.".Length..], actor, what, onBehalfOf);
        return action switch
        {
            "approval.decided" => DecidedWords(summary) is { } d ? $"{who} decided “{d}” on {what}" : $"{who} recorded a decision on {what}",
            "approval.resent" => $"{who} re-sent the decision link for {what}",
            "condition.met" => $"{who} recorded a condition as met",
            "delegation.created" => $"{who} delegated their decisions",
            "delegation.cancelled" => $"{who} cancelled a delegation",
            "incident.resolved" => $"{who} resolved an incident",
            "release.created" => $"{who} created the release {what}",
            "release.edited" => $"{who} changed the release {what}",
            "release.rescheduled" => $"{who} moved the go-live date of {what}",
            "gate.added" => $"{who} added a gate to {what}",
            "gate.edited" => $"{who} changed a gate of {what}",
            "gate.kind-changed" => $"{who} changed the kind of a gate of {what}",
            "gate.removed" => $"{who} removed a gate from {what}",
            "impact.added" => $"{who} added an impacted area to {what}",
            "impact.edited" => $"{who} changed an impacted area of {what}",
            "impact.removed" => $"{who} removed an impacted area from {what}",
            "area.created" => $"{who} created the business area {what}",
            "area.edited" => $"{who} changed the business area {what}",
            "area.member-added" => $"{who} added a person to {what}",
            "area.member-removed" => $"{who} removed a person from {what}",
            "template.published" => $"{who} published the template {what}",
            "indicator.reading.added" => $"{who} added a reading of {what}",
            "indicator.readings.imported" => $"{who} imported readings of {what}",
            "indicator.reading.late" => $"A reading of {what} is late",
            "indicator.alert.opened" => $"An alert opened on {what}",
            "indicator.alert.raised" => $"The alert on {what} became more severe",
            "indicator.alert.acknowledged" => $"{who} acknowledged the alert on {what}",
            "indicator.alert.resolved" => $"{who} resolved the alert on {what}",
            _ => $"{who}: {Spaced(action)} ({what})",
        };
    }

    /// <summary>"Simon Fairweather", "Ann Lee on behalf of Simon Fairweather", or "Readiness" when the system acted.</summary>
    public static string Who(string? actor, string? onBehalfOf) =>
        actor is null ? "Readiness" : onBehalfOf is null ? actor : $"{actor} on behalf of {onBehalfOf}";

    /// <summary>The decision an "approval.decided" summary records ("AreaReturn #3: Pending → Approve, …").</summary>
    private static string? DecidedWords(string summary) =>
        DecisionInSummary().Match(summary) is { Success: true } m && Enum.TryParse<Decision>(m.Groups[1].Value, out var d) ? Decisions.Words(d) : null;

    private static string Spaced(string code) => CamelBreak().Replace(code.Replace('.', ' ').Replace('-', ' '), " $1").ToLowerInvariant();

    [GeneratedRegex(@"→ (\w+)")]
    private static partial Regex DecisionInSummary();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex CamelBreak();
}
