using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Audit;
using Readiness.Core.Notifications;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;
using Readiness.Core.Workflows;

namespace Readiness.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the use cases and the workflow runtime. The DbContext, its provider and its error rule, the audit chain
    /// key and checkpoints, <see cref="WorkflowCatalog"/> and <see cref="ApprovalSettings"/> come from the infrastructure
    /// layer (they need configuration).
    /// </summary>
    public static IServiceCollection AddReadinessCore(this IServiceCollection services)
    {
        services.AddScoped<ReturnAccess>();
        services.AddScoped<MyWork>();
        services.AddScoped<ReturnQueries>();
        services.AddScoped<ReturnCommands>();
        services.AddScoped<ReleaseQueries>();
        services.AddScoped<GateTracker>();
        services.AddScoped<FeedDirectory>();
        services.AddScoped<PortfolioChoices>();
        services.AddSingleton<ReferenceLists>();
        services.AddScoped<RequestReferenceLists>();
        services.AddSingleton<TemplateRules>();
        services.AddScoped<PortfolioTimeline>();
        services.AddScoped<PortfolioCalendar>();
        services.AddScoped<StuckApprovals>();
        services.AddScoped<HeatmapQueries>();
        services.AddScoped<TrainingQueries>();
        services.AddScoped<ReleaseWhatIf>();
        services.AddScoped<Admin.CapacityAdmin>();
        services.AddScoped<Admin.CapacityQueries>();
        services.AddScoped<Admin.ProgrammeAdmin>();
        services.AddScoped<Admin.DependencyAdmin>();
        services.AddScoped<Admin.IndicatorAdmin>();
        services.AddScoped<Admin.GateKindAdmin>();
        services.AddScoped<Admin.AdminSupport>();
        services.AddScoped<Admin.ReleaseAdmin>();
        services.AddScoped<Admin.ImpactAdmin>();
        services.AddScoped<Admin.AreaAdmin>();
        services.AddScoped<Admin.Memberships>();
        services.AddScoped<Admin.TemplateAdmin>();
        services.AddScoped<Admin.AdminQueries>();

        services.AddScoped<Persistence.UnitOfWork>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditVerification>();
        services.AddScoped<Persistence.ICommitObserver, AuditCheckpointObserver>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<Outbox>();
        services.AddScoped<WorkflowEngine>();
        services.AddScoped<IWorkflowAuthority, ApprovalRequestAuthority>();
        services.AddScoped<IncidentRetry>();
        services.AddScoped<WorkflowClock>();
        services.AddScoped<WorkflowJournalQueries>();
        services.AddScoped<ApprovalRequester>();
        services.AddScoped<ApprovalEmails>();
        services.AddScoped<ApprovalDecisions>();
        services.AddScoped<DecisionsWaiting>();
        services.AddScoped<ApprovalQueries>();
        services.AddScoped<GatePackQueries>();
        services.AddScoped<ReturnBriefs>();
        services.AddScoped<Delegations>();
        services.AddScoped<ConditionCommands>();
        services.AddScoped<Incidents>();
        services.AddScoped<People.ExternalSignIns>();
        services.AddScoped<People.PeopleAdmin>();
        services.AddScoped<People.PeopleQueries>();
        services.AddScoped<People.PeopleImportPlanner>();
        services.AddScoped<People.PeopleImport>();
        services.AddScoped<People.PasswordSetting>();
        services.AddScoped<Reminders.ReminderSweep>();
        services.AddScoped<ForecastModel>();
        services.AddScoped<ForecastQueries>();
        services.AddScoped<Reminders.IReminderSource, ForecastReminders>();
        Indicators.IndicatorServiceCollectionExtensions.AddReadinessIndicators(services);
        Risks.RiskServiceCollectionExtensions.AddReadinessRisks(services);
        Dashboards.DashboardServiceCollectionExtensions.AddReadinessDashboards(services);
        Benefits.BenefitServiceCollectionExtensions.AddReadinessBenefits(services);
        Reviews.ReviewServiceCollectionExtensions.AddReadinessReviews(services);

        services.AddScoped<IWorkflowAction, RequestBcmApproval>();
        services.AddScoped<IWorkflowAction, RequestSecondApproval>();
        services.AddScoped<IWorkflowAction, RequestEscalatedApproval>();
        services.AddScoped<IWorkflowAction, MarkReturnReturned>();
        services.AddScoped<IWorkflowAction, MarkReturnApproved>();
        services.AddScoped<IWorkflowAction, NotifyReturned>();
        services.AddScoped<GoLiveGateProgress>();
        services.AddScoped<IWorkflowAction, CheckGateReady>();
        services.AddScoped<IWorkflowAction, RequestSroDecision>();
        services.AddScoped<IWorkflowAction, NotifyDecision>();
        services.AddScoped<IWorkflowAction, MarkReleaseLive>();
        services.AddScoped<IWorkflowGuard, AllReturnsApproved>();
        services.AddScoped<IWorkflowGuard, PreGoLiveConditionsMet>();
        return services;
    }

    /// <summary>The handler names known to the runtime, for validating workflow files at start-up.</summary>
    public static (IReadOnlySet<string> Guards, IReadOnlySet<string> Actions) WorkflowHandlerNames(IServiceProvider scoped) =>
        (scoped.GetServices<IWorkflowGuard>().Select(g => g.Name).ToHashSet(),
         scoped.GetServices<IWorkflowAction>().Select(a => a.Name).ToHashSet());
}
