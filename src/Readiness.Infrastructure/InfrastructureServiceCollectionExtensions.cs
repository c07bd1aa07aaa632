using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Readiness.Core.Approvals;
using Readiness.Core.Common;
using Readiness.Core.Workflows;
using Readiness.Infrastructure.Approvals;
using Readiness.Infrastructure.Email;
using Readiness.Infrastructure.Workflows;
using Readiness.Core.Persistence;
using Readiness.Infrastructure.Persistence;
using Readiness.Infrastructure.Scheduling;
using Readiness.Infrastructure.Seeding;
using Readiness.Infrastructure.Startup;

namespace Readiness.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>
    /// Database, clock, seeding and the start-up initializer. <paramref name="contentRoot"/> anchors a relative
    /// SQLite path so the database lands in the app's folder whatever the working directory.
    /// </summary>
    public static IServiceCollection AddReadinessInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TimeOptions>().Bind(configuration.GetSection(TimeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Core.Portfolio.HeatmapOptions>().Bind(configuration.GetSection(Core.Portfolio.HeatmapOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Core.Portfolio.ForecastOptions>().Bind(configuration.GetSection(Core.Portfolio.ForecastOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Core.Risks.RiskOptions>().Bind(configuration.GetSection(Core.Risks.RiskOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new Seeding.RewindableTimeProvider(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ReadinessClock(
            sp.GetRequiredService<Seeding.RewindableTimeProvider>(),
            TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<IOptions<TimeOptions>>().Value.TimeZone)));

        // Contexts are pooled and their options built once: both depend on configuration only, and making them per
        // request (the context's internal services resolved, the connection string parsed, interceptors made) was a
        // measurable share of every page's time and allocations. A context carries no request state into the pool:
        // see ReadinessDbContext.PauseReadModels.
        services.AddDbContextPool<ReadinessDbContext>((sp, options) =>
            DatabaseProvider.Configure(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, contentRoot));
        // The provider's half of the unit of work's retry rule.
        services.AddSingleton(sp => DatabaseProvider.ErrorRule(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));

        services.AddOptions<Audit.AuditOptions>().Bind(configuration.GetSection(Audit.AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new Core.Audit.AuditChainKey(sp.GetRequiredService<IOptions<Audit.AuditOptions>>().Value.ChainKey));
        services.AddSingleton<Core.Audit.IAuditCheckpoints>(sp => new Audit.FileAuditCheckpoints(
            Path.Combine(contentRoot, sp.GetRequiredService<IOptions<Audit.AuditOptions>>().Value.CheckpointPath),
            sp.GetRequiredService<Core.Audit.AuditChainKey>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Audit.FileAuditCheckpoints>>()));

        services.AddOptions<ApprovalOptions>().Bind(configuration.GetSection(ApprovalOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.Section));
        services.AddSingleton(sp =>
        {
            var approvals = sp.GetRequiredService<IOptions<ApprovalOptions>>().Value;
            var email = sp.GetRequiredService<IOptions<SmtpOptions>>().Value;
            return new ApprovalSettings(approvals.BaseUri, TimeSpan.FromHours(approvals.TokenLifetimeHours), email.MessageIdDomain, approvals.MinimumDecisionWorkingDays);
        });
        services.AddSingleton(sp => new WorkflowCatalog(sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.Defaults));

        services.AddSingleton(_ => new Readiness.Core.Portfolio.CalendarTokens(configuration["Portfolio:CalendarKey"]));
        services.AddScoped<Core.Admin.ITemplateParser, TemplateUpload>();
        services.AddSingleton<Core.People.IPeopleFileParser, People.CsvPeople>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoActivitySeeder>();
        services.AddScoped<RiskSeeder>();
        services.AddScoped<BenefitSeeder>();
        services.AddScoped<ReviewSeeder>();
        // One instance: the web app begins its work early (BeginStartupWork) and the host awaits the same work.
        services.AddSingleton<StartupInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupInitializer>());
        services.AddSingleton<IStartupStep, FailingCriteriaBackfill>();
        services.AddReadinessEmail(configuration, contentRoot);
        Reminders.ReminderServiceCollectionExtensions.AddReadinessReminders(services, configuration);
        services.AddReadinessScheduling(configuration, contentRoot);
        Indicators.IndicatorInfrastructure.AddReadinessIndicatorInfrastructure(services, configuration);
        return services;
    }
}

public static class StartupWorkExtensions
{
    /// <summary>
    /// Begins the start-up work (migrations, seed data) now, beside whatever the caller does next; the host still waits
    /// for it before the server listens. docs/decisions.md (cold start). Returns the work, which the host's start awaits.
    /// </summary>
    public static Task BeginStartupWork(this IServiceProvider services) => services.GetRequiredService<StartupInitializer>().Begin();

    /// <summary>Completes when the database is migrated and the start-up steps have run, while the seed data is applied (<see cref="StartupInitializer.Prepared"/>).</summary>
    public static Task StartupPrepared(this IServiceProvider services) => services.GetRequiredService<StartupInitializer>().Prepared;
}
