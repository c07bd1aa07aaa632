using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// Definitions as data, exercised through the running app: a queued trigger that loops is stopped with an incident, a
/// running instance stays on the version it started on when a new one is loaded, and a wait state's timeout in working
/// days hands the decision to the SRO.
/// </summary>
public sealed class WorkflowDefinitionRuntimeTests : IAsyncLifetime
{
    private readonly string _workflows = Path.Combine(Directory.CreateTempSubdirectory("readiness-workflows-").FullName, "workflows");
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        Directory.CreateDirectory(_workflows);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows")))
            File.Copy(file, Path.Combine(_workflows, Path.GetFileName(file)));
    }

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private ReadinessFactory App(string? folder = null, Dictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var settings = ApprovalDriver.SmtpSettings(_smtp);
        settings["Workflows:Path"] = _workflows;
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return new ReadinessFactory(folder, settings, services);
    }

    /// <summary>An entry action that asks for "ping" on its own workflow every time: a loop only the limit stops.</summary>
    private sealed class RaiseOnSelf : IWorkflowAction
    {
        public string Name => "RaiseOnSelf";

        public Task RunAsync(WorkflowContext context, CancellationToken ct)
        {
            context.Raise(context.Instance.SubjectKind, context.Instance.SubjectId, "ping", context.Instance.DefinitionId);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Follow_on_triggers_that_loop_stop_at_the_limit_with_an_incident_and_the_rest_commits()
    {
        File.WriteAllText(Path.Combine(_workflows, "ping-pong.json"), """
            { "id": "ping-pong", "version": 1, "title": "Ping pong", "subjectKind": "Gate", "initialState": "Ping",
              "states": [
                { "name": "Ping", "title": "Ping", "onEntry": ["RaiseOnSelf"], "transitions": [ { "trigger": "ping", "target": "Pong" } ] },
                { "name": "Pong", "title": "Pong", "onEntry": ["RaiseOnSelf"], "transitions": [ { "trigger": "ping", "target": "Ping" } ] } ] }
            """);
        await using var app = App(services: s => s.AddScoped<IWorkflowAction, RaiseOnSelf>());
        var gateId = await app.WithDbAsync(db => db.Gates.Where(g => g.Release!.Code == "CONNECT-P2" && g.Kind == GateKind.GoNoGo).Select(g => g.Id).SingleAsync());

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(async ct =>
        {
            var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
            var instance = await engine.EnsureStartedAsync("ping-pong", SubjectKinds.Gate, gateId, ct);
            return await engine.FireAsync(instance, TriggerContext.System("ping"), ct);
        }, CancellationToken.None);

        Assert.True(result.Succeeded);
        var (journal, incident) = await app.WithDbAsync(async db => (
            await db.WorkflowJournal.CountAsync(j => j.Instance!.DefinitionId == "ping-pong"),
            await db.Incidents.SingleAsync(i => i.Kind == WorkflowEngine.LoopIncidentKind)));
        Assert.Equal(1 + WorkflowEngine.MaxQueuedTriggers, journal);
        Assert.Contains($"More than {WorkflowEngine.MaxQueuedTriggers} follow-on triggers", incident.Message, StringComparison.Ordinal);
        Assert.NotNull(incident.WorkflowInstanceId);
    }

    [Fact]
    public async Task A_running_instance_stays_on_its_version_when_a_new_one_is_loaded_and_new_instances_take_the_new_one()
    {
        string folder;
        int custody;
        await using (var first = App())
        {
            folder = first.Folder;
            custody = await new ApprovalDriver(first, _smtp).SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        }
        var path = Path.Combine(_workflows, "area-return.json");
        var definition = JsonNode.Parse(File.ReadAllText(path))!;
        definition["version"] = 2;
        definition["states"]![1]!["title"] = "Submitted – with the BCM (version 2)";
        File.WriteAllText(path, definition.ToJsonString());

        await using var second = App(folder);
        var driver = new ApprovalDriver(second, _smtp);
        var property = await driver.SubmitReturnAsync("CONNECT-P1", "PROPERTY");
        await driver.DispatchAsync();
        var custodyLink = new Browser(second.CreateBrowser());
        var decided = await ApprovalDriver.DecideAsync(custodyLink, await custodyLink.GetAsync(driver.LinkFor("bcm.justice@readiness.demo")), "Approve");

        var versions = await second.WithDbAsync(db => db.WorkflowInstances.Where(i => i.SubjectKind == SubjectKinds.AreaReturn && (i.SubjectId == custody || i.SubjectId == property))
            .ToDictionaryAsync(i => i.SubjectId, i => i.DefinitionVersion));
        Assert.Equal(1, versions[custody]);
        Assert.Equal(2, versions[property]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, decided.StatusCode); // the old instance goes on, on its own version
    }

    [Fact]
    public async Task A_bcm_review_not_decided_within_five_working_days_is_escalated_to_the_sro_who_decides_it()
    {
        await using var app = App(extra: new() { ["Workflows:Defaults:Readiness"] = "area-return-escalating" });
        var driver = new ApprovalDriver(app, _smtp);
        var id = await driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY"); // Mon 2 Mar 2026, 09:00
        await driver.DispatchAsync();
        var bcmLink = driver.LinkFor("bcm.justice@readiness.demo");

        async Task<int> TickAsync(DateTimeOffset at)
        {
            app.Clock.SetUtcNow(at);
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<WorkflowClock>().FireDueTimersAsync(CancellationToken.None);
        }

        Assert.Equal(0, await TickAsync(new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.Zero))); // Sunday: 4 working days
        Assert.Equal(1, await TickAsync(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero)));  // Monday: 5 working days

        Assert.Equal("SroReview", await app.WithDbAsync(db => db.WorkflowInstances.Where(i => i.SubjectKind == SubjectKinds.AreaReturn && i.SubjectId == id).Select(i => i.State).SingleAsync()));
        var bcm = new Browser(app.CreateBrowser());
        Assert.Contains("escalated to the SRO", (await bcm.GetAsync(bcmLink)).QuerySelector("[data-testid=closed]")!.TextContent, StringComparison.Ordinal);
        await driver.DispatchAsync();
        var sro = new Browser(app.CreateBrowser());
        var decided = await ApprovalDriver.DecideAsync(sro, await sro.GetAsync(driver.LinkFor("sro.connect@readiness.demo")), "Approve");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(Readiness.Core.Assessments.AssessmentStatus.Approved, await app.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }
}
