using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Common;
using Readiness.Core.Persistence;
using Readiness.Core.Portfolio;
using Readiness.Core.Workflows;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The runtime's own guarantees, on the real app and database: who may fire a transition, queued follow-on triggers with
/// a loop limit, versions pinned per instance, and a wait state's timeout in working days.
/// </summary>
public sealed class WorkflowRuntimeTests : EmailedAppTest
{
    private static async Task<(WorkflowInstance Instance, ApprovalRequest Request)> InReviewAsync(IServiceProvider services, int returnId)
    {
        var db = services.GetRequiredService<ReadinessDbContext>();
        var instance = await db.WorkflowInstances.SingleAsync(i => i.SubjectKind == SubjectKinds.AreaReturn && i.SubjectId == returnId);
        var request = await db.ApprovalRequests.SingleAsync(r => r.SubjectId == returnId && r.Status == ApprovalStatus.Pending);
        return (instance, request);
    }

    private static Task<Result<FireOutcome>> FireAsync(IServiceProvider services, int instanceId, TriggerContext trigger) =>
        services.GetRequiredService<UnitOfWork>().RunAsync(async ct =>
        {
            var db = services.GetRequiredService<ReadinessDbContext>();
            var instance = await db.WorkflowInstances.SingleAsync(i => i.Id == instanceId, ct);
            return await services.GetRequiredService<WorkflowEngine>().FireAsync(instance, trigger, ct);
        }, CancellationToken.None);

    [Fact]
    public async Task A_person_without_the_role_or_a_request_of_theirs_cannot_fire_the_decision()
    {
        var returnId = await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        await using var scope = Factory.Services.CreateAsyncScope();
        var (instance, request) = await InReviewAsync(scope.ServiceProvider, returnId);
        var lead = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "tl.property@readiness.demo").Select(u => u.Id).SingleAsync());

        // A team lead with only their own roles; then the same person claiming the BCM's request as their authority.
        var byRole = await FireAsync(scope.ServiceProvider, instance.Id, new TriggerContext("approve", lead, new HashSet<string> { "TeamLead" }));
        var byOthersRequest = await FireAsync(scope.ServiceProvider, instance.Id, new TriggerContext("approve", lead, new HashSet<string>())
        {
            Authority = new TriggerAuthority("ApprovalRequest", request.Id, "claiming someone else's request"),
        });

        Assert.Equal(FailureKind.Forbidden, byRole.Failure?.Kind);
        Assert.Equal(FailureKind.Forbidden, byOthersRequest.Failure?.Kind);
        Assert.Equal("BcmReview", await Factory.WithDbAsync(db => db.WorkflowInstances.Where(i => i.Id == instance.Id).Select(i => i.State).SingleAsync()));
        Assert.Equal(ApprovalStatus.Pending, await Factory.WithDbAsync(db => db.ApprovalRequests.Where(r => r.Id == request.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_engine_refuses_to_run_outside_a_unit_of_work()
    {
        var returnId = await Driver.SubmitReturnAsync("CONNECT-P1", "CUSTODY");
        await using var scope = Factory.Services.CreateAsyncScope();
        var (instance, _) = await InReviewAsync(scope.ServiceProvider, returnId);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<WorkflowEngine>().FireAsync(instance, TriggerContext.System("approve"), CancellationToken.None));
    }
}
