using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Readiness.Core.Approvals;
using Readiness.Core.Assessments;
using Readiness.Core.Audit;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Notifications;
using Readiness.Core.Portfolio;
using Readiness.Core.Templates;
using Readiness.Core.Workflows;

namespace Readiness.Core.Persistence;

/// <summary>
/// The application database. The model is kept provider-neutral (no SQLite-only column types or SQL) so a
/// PostgreSQL provider can use the same model with its own migrations (Readiness.Migrations.Postgres).
/// It also holds the Data Protection key ring, so a cookie or token made by one node is read by every other.
/// </summary>
public class ReadinessDbContext(DbContextOptions<ReadinessDbContext> options) : IdentityDbContext<ReadinessUser>(options), IDataProtectionKeyContext
{
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Release> Releases => Set<Release>();
    public DbSet<Gate> Gates => Set<Gate>();
    public DbSet<Impact> Impacts => Set<Impact>();
    public DbSet<BusinessArea> BusinessAreas => Set<BusinessArea>();
    public DbSet<AreaMembership> AreaMemberships => Set<AreaMembership>();
    public DbSet<QuestionnaireTemplate> Templates => Set<QuestionnaireTemplate>();
    public DbSet<TemplateSection> TemplateSections => Set<TemplateSection>();
    public DbSet<Criterion> Criteria => Set<Criterion>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<Answer> Answers => Set<Answer>();
    public DbSet<SeedRun> SeedRuns => Set<SeedRun>();
    public DbSet<WorkflowSnapshot> WorkflowSnapshots => Set<WorkflowSnapshot>();
    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();
    public DbSet<WorkflowTimer> WorkflowTimers => Set<WorkflowTimer>();
    public DbSet<WorkflowJournalEntry> WorkflowJournal => Set<WorkflowJournalEntry>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();
    public DbSet<ApprovalCondition> ApprovalConditions => Set<ApprovalCondition>();
    public DbSet<Delegation> Delegations => Set<Delegation>();
    public DbSet<Waiver> Waivers => Set<Waiver>();
    public DbSet<Indicators.LeadIndicator> LeadIndicators => Set<Indicators.LeadIndicator>();
    public DbSet<Indicators.IndicatorReading> IndicatorReadings => Set<Indicators.IndicatorReading>();
    public DbSet<Indicators.IndicatorAlert> IndicatorAlerts => Set<Indicators.IndicatorAlert>();
    public DbSet<Reminders.ReminderLog> ReminderLogs => Set<Reminders.ReminderLog>();
    public DbSet<Reminders.ReminderDigest> ReminderDigests => Set<Reminders.ReminderDigest>();
    public DbSet<ReleaseDependency> ReleaseDependencies => Set<ReleaseDependency>();
    public DbSet<Risks.Risk> Risks => Set<Risks.Risk>();
    public DbSet<Risks.RiskAction> RiskActions => Set<Risks.RiskAction>();
    public DbSet<Risks.RiskScoreChange> RiskScoreChanges => Set<Risks.RiskScoreChange>();
    public DbSet<Risks.RiskRelease> RiskReleases => Set<Risks.RiskRelease>();
    public DbSet<Risks.RiskArea> RiskAreas => Set<Risks.RiskArea>();
    public DbSet<Risks.RiskAcknowledgement> RiskAcknowledgements => Set<Risks.RiskAcknowledgement>();
    public DbSet<TrainingCapacity> TrainingCapacities => Set<TrainingCapacity>();
    public DbSet<GateKindDefinition> GateKindDefinitions => Set<GateKindDefinition>();
    public DbSet<Benefits.Benefit> Benefits => Set<Benefits.Benefit>();
    public DbSet<Benefits.BenefitMeasurement> BenefitMeasurements => Set<Benefits.BenefitMeasurement>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<GateSummary> GateSummaries => Set<GateSummary>();
    public DbSet<AreaWeekLoad> AreaWeekLoads => Set<AreaWeekLoad>();
    public DbSet<ReturnSummary> ReturnSummaries => Set<ReturnSummary>();
    public DbSet<ReturnCount> ReturnCounts => Set<ReturnCount>();
    public DbSet<ImpactLoadBasis> ImpactLoadBases => Set<ImpactLoadBasis>();
    public DbSet<ReferenceChange> ReferenceChanges => Set<ReferenceChange>();

    /// <summary>
    /// Whether saves keep the read models (<see cref="GateSummary"/>, <see cref="ReturnSummary"/>, <see cref="AreaWeekLoad"/>) in step. Only the demo
    /// seed and a bulk copy of whole tables turn it off, through <see cref="PauseReadModels"/>.
    /// </summary>
    public bool MaintainsReadModels => !_readModelsPaused;

    private bool _readModelsPaused;

    /// <summary>
    /// Saves stop keeping the read models until the returned scope is disposed. A scope rather than a settable flag:
    /// contexts are pooled, and a flag left off by a failed seed or copy would follow the context into the next request.
    /// </summary>
    public IDisposable PauseReadModels()
    {
        if (_readModelsPaused) throw new InvalidOperationException("The read models are already paused on this context.");
        _readModelsPaused = true;
        return new ReadModelPause(this);
    }

    private sealed class ReadModelPause(ReadinessDbContext db) : IDisposable
    {
        public void Dispose() => db._readModelsPaused = false;
    }

    private bool _refreshing;

    /// <summary>
    /// Saves, then brings the read models of what the save touched up to date in the same transaction (one of its own
    /// when the caller has none), so no writer can leave the tracker behind. See <see cref="Portfolio.GateSummaries"/>.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_readModelsPaused || _refreshing) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var changed = Changed();
        RecordReferenceChange(changed);
        var gates = Portfolio.GateSummaries.Collect(changed);
        var loads = Portfolio.AreaWeekLoads.Collect(changed);
        if (gates.IsEmpty && loads.IsEmpty) return await SaveDetectedAsync(acceptAllChangesOnSuccess, cancellationToken);
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // My work's counts move by difference, and the flush can remove summaries by cascade: count them first.
            var returnsBefore = await Core.Assessments.ReturnTally.OfReleasesAsync(this, gates.ExistingReleaseIds(), cancellationToken);
            var saved = await SaveDetectedAsync(acceptAllChangesOnSuccess, cancellationToken);
            _refreshing = true;
            try
            {
                await Portfolio.GateSummaries.RefreshAsync(this, gates.ReleaseIds(), cancellationToken);
                // My work's rows change on the same changes as the tracker's (a return's status, a gate's date, go-live).
                await Core.Assessments.ReturnSummaries.RefreshAsync(this, gates.ReleaseIds(), cancellationToken, returnsBefore);
                await Portfolio.AreaWeekLoads.RefreshAsync(this, loads.ReleaseIds(), cancellationToken);
                await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            finally
            {
                _refreshing = false;
            }
            if (own is not null) await own.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>
    /// The rows the save will write, found once (each look at the tracker's entries compares every tracked row with its
    /// snapshot) and handed to every read model's collector.
    /// </summary>
    private List<EntityEntry> Changed() => ChangeTracker.Entries().Where(e => e.State is not (EntityState.Unchanged or EntityState.Detached)).ToList();

    /// <summary>
    /// A save that adds, edits or removes programmes or business areas also adds a <see cref="ReferenceChange"/>, in
    /// the same save, so every node's copy of the filter boxes' lists (<see cref="ReferenceLists"/>) is read again.
    /// Added with <c>Add</c>, which tracks it at once: the save does not need to detect it.
    /// </summary>
    private void RecordReferenceChange(List<EntityEntry> changed)
    {
        var tables = changed.Where(e => ReferenceChange.Touches(e.Entity)).Select(e => e.Metadata.GetTableName()).Distinct().ToList();
        if (tables.Count > 0) ReferenceChanges.Add(new ReferenceChange(string.Join(", ", tables)));
    }

    /// <summary>
    /// Saves the changes <see cref="Changed"/> has just detected without detecting them again: each detection compares
    /// every tracked row with its snapshot, which cost a fifth of the demo's seed (a unit of work saves several times).
    /// </summary>
    private async Task<int> SaveDetectedAsync(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        using var pause = new DetectionPause(ChangeTracker);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    /// <summary>Nothing in Readiness saves synchronously; the read models are kept by the asynchronous save only.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (_readModelsPaused || _refreshing) return base.SaveChanges(acceptAllChangesOnSuccess);
        var changed = Changed();
        if (!Portfolio.GateSummaries.Collect(changed).IsEmpty || !Portfolio.AreaWeekLoads.Collect(changed).IsEmpty)
            throw new InvalidOperationException("Save with SaveChangesAsync: it keeps the read models up to date.");
        RecordReferenceChange(changed);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ReadinessDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC in storage; the converter restores Kind=Utc on read (SQLite keeps no kind).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        configurationBuilder.Properties<string>().HaveMaxLength(4000);
    }
}
