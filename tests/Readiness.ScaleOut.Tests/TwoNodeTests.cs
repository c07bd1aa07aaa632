using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Approvals;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Notifications;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;
using Readiness.ScaleOut.Tests.Infrastructure;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.ScaleOut.Tests;

/// <summary>
/// Two app processes on one PostgreSQL database behave as one app (issue 12): shared sessions and tokens (Data
/// Protection keys in the database), one winner among decisions spread over both, and the Hangfire jobs on both
/// servers doing each piece of due work once, because the app database says what is due.
/// </summary>
[Collection(NodeDrills.Name)]
public sealed class TwoNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task A_person_signed_in_on_node_a_goes_on_on_node_b()
    {
        var cookies = new CookieContainer();
        await TwoNodes.SignedInAsync(nodes.A, cookies, "pmo@readiness.demo");
        var onB = new Browser(nodes.B.Client(cookies));

        var page = await onB.GetRawAsync("/Portfolio/Tracker");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Gate tracker", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_link_emailed_from_node_a_is_decided_on_node_b()
    {
        var (returnId, link) = await SubmitOnAAsync("CONNECT-P1", "CUSTODY");
        var cookies = new CookieContainer();
        // The confirmation page (and its antiforgery token) from A, the decision posted to B.
        var page = await new Browser(nodes.A.Client(cookies)).GetAsync(link);

        var response = await ApprovalDriver.DecideAsync(new Browser(nodes.B.Client(cookies)), page, "Approve", "Decided on node B");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Approved", await nodes.WithDbAsync(db => db.WorkflowInstances
            .Where(i => i.SubjectKind == SubjectKinds.AreaReturn && i.SubjectId == returnId).Select(i => i.State).SingleAsync()));
    }

    [Fact]
    public async Task Twenty_parallel_decisions_spread_over_both_nodes_record_exactly_one()
    {
        var (returnId, link) = await SubmitOnAAsync("CONNECT-P1", "PROPERTY");
        var onA = new Browser(nodes.A.Client(new CookieContainer()));
        var onB = new Browser(nodes.B.Client(new CookieContainer()));
        var pageA = await onA.GetAsync(link);
        var pageB = await onB.GetAsync(link);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? ApprovalDriver.DecideAsync(onA, pageA, "Approve", $"click {i} on A")
            : ApprovalDriver.DecideAsync(onB, pageB, "Return", $"click {i} on B")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await nodes.WithDbAsync(db => db.ApprovalRequests.CountAsync(r => r.SubjectId == returnId && r.Kind == ApprovalKind.AreaReturn && r.Decision != null)));
        Assert.Equal(1, await nodes.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "approval.decided" && e.Summary.Contains("#" + returnId + ":"))));
    }

    [Fact]
    public async Task Each_due_workflow_timer_fires_once()
    {
        var timerIds = await GoLiveTimersDueNowAsync();

        await TwoNodes.WaitUntilAsync(() => nodes.WithDbAsync(db => db.WorkflowTimers.Where(t => timerIds.Contains(t.Id)).AllAsync(t => t.FiredAtUtc != null)),
            TimeSpan.FromSeconds(90), $"both nodes' workflow clocks fire {timerIds.Count} due timers");
        await Task.Delay(TimeSpan.FromSeconds(5)); // several more clock runs on both nodes: nothing may fire twice

        var fired = await nodes.WithDbAsync(db => (from t in db.WorkflowTimers
                                                   where timerIds.Contains(t.Id)
                                                   select db.WorkflowJournal.Count(j => j.InstanceId == t.InstanceId && j.Trigger == t.Trigger && j.FromState == t.State)).ToListAsync());
        Assert.Equal(timerIds.Count, fired.Count);
        Assert.All(fired, count => Assert.Equal(1, count));
        Assert.Empty(await nodes.WithDbAsync(db => db.Incidents.Where(i => i.Kind == "TimerRefused").ToListAsync()));
    }

    [Fact]
    public async Task A_thousand_queued_emails_are_each_delivered_exactly_once()
    {
        var ids = await QueueEmailsAsync(nodes, 1000, "bulk");

        await TwoNodes.WaitUntilAsync(() => nodes.WithDbAsync(db => db.Outbox.Where(m => ids.Contains(m.MessageId)).AllAsync(m => m.SentAtUtc != null)),
            TimeSpan.FromMinutes(5), "both nodes' dispatchers send 1,000 emails");
        await Task.Delay(TimeSpan.FromSeconds(5)); // more dispatcher runs on both nodes: nothing may go twice

        var delivered = nodes.Smtp.Received.Select(m => m.Message.MessageId ?? "").Where(ids.Contains).ToList();
        Assert.Equal(1000, delivered.Count);
        Assert.Equal(1000, delivered.Distinct().Count());
    }

    /// <summary>Queues <paramref name="count"/> emails as the app would (outbox rows), returning their Message-IDs.</summary>
    internal static async Task<HashSet<string>> QueueEmailsAsync(TwoNodes nodes, int count, string batch)
    {
        var now = DateTime.UtcNow;
        var messages = Enumerable.Range(1, count).Select(i => new OutboxMessage("Bulk", $"person{i}@readiness.demo", $"Person {i}", $"{batch} {i}",
            $"Message {i} of {batch}.", $"<!DOCTYPE html><html><body><p>Message {i} of {batch}.</p></body></html>", now, "readiness.local")).ToList();
        await nodes.WithDbAsync(async db =>
        {
            db.Outbox.AddRange(messages);
            return await db.SaveChangesAsync();
        });
        return [.. messages.Select(m => m.MessageId)];
    }

    /// <summary>
    /// Every release's go / no-go gate as if the SRO had said Go before T0 and T0 had just passed: a workflow instance in
    /// state Go with its goLive timer due, written as the engine writes them.
    /// </summary>
    private async Task<List<int>> GoLiveTimersDueNowAsync() => await nodes.WithDbAsync(async db =>
    {
        var snapshot = await db.WorkflowSnapshots.Where(s => s.DefinitionId == "go-live-gate").OrderByDescending(s => s.Version).FirstAsync();
        // Not CONNECT-P1: the other tests decide its returns, which a live release would not take.
        var gates = await db.Gates.Where(g => g.Kind == GateKind.GoNoGo && g.Release!.Code != "CONNECT-P1")
            .Where(g => !db.WorkflowInstances.Any(i => i.SubjectKind == SubjectKinds.Gate && i.SubjectId == g.Id)).Select(g => g.Id).ToListAsync();
        var now = DateTime.UtcNow;
        var instances = gates.Select(g => new WorkflowInstance(snapshot.Id, snapshot.DefinitionId, snapshot.Version, SubjectKinds.Gate, g, "Go", now)).ToList();
        var timers = instances.Select(i => new WorkflowTimer(i, "Go", "goLive", "wentLive", now.AddMinutes(-1))).ToList();
        db.WorkflowInstances.AddRange(instances);
        db.WorkflowTimers.AddRange(timers);
        await db.SaveChangesAsync();
        Assert.True(timers.Count >= 5, $"expected several go / no-go gates in the seed, found {timers.Count}");
        return timers.Select(t => t.Id).ToList();
    });

    /// <summary>Submits an area's return on node A as its team lead and waits for a node to email the BCM the link.</summary>
    private async Task<(int ReturnId, string Link)> SubmitOnAAsync(string release, string area)
    {
        var lead = await nodes.FirstMemberAsync(area, AreaRole.TeamLead);
        var bcm = await nodes.FirstMemberAsync(area, AreaRole.Bcm);
        var mailsBefore = nodes.Smtp.Accepted.Count;
        var browser = await TwoNodes.SignedInAsync(nodes.A, new CookieContainer(), lead);
        var returns = new ReturnDriver(nodes, browser);
        var id = await returns.ReturnIdAsync(release, area);
        var goLive = await nodes.WithDbAsync(db => db.Releases.Where(r => r.Code == release).Select(r => r.GoLive).SingleAsync());
        await returns.AnswerAllPassingAsync(id, goLive);
        Assert.Equal(HttpStatusCode.Redirect, (await returns.SubmitAsync(id)).StatusCode);
        return (id, await nodes.LinkEmailedToAsync(bcm, mailsBefore));
    }
}

/// <summary>The node drills start real processes: one at a time, never beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class NodeDrills
{
    public const string Name = "app nodes";
}
