using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readiness.Core.Approvals;
using Readiness.Core.Audit;
using Readiness.Core.Notifications;
using Readiness.Core.Workflows;

namespace Readiness.Core.Persistence;

internal sealed class WorkflowSnapshotConfiguration : IEntityTypeConfiguration<WorkflowSnapshot>
{
    public void Configure(EntityTypeBuilder<WorkflowSnapshot> b)
    {
        b.HasIndex(s => new { s.DefinitionId, s.Version }).IsUnique();
        b.Property(s => s.DefinitionId).HasMaxLength(80);
        b.Property(s => s.Json).HasMaxLength(200_000);
    }
}

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> b)
    {
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.SubjectKind).HasMaxLength(20);
        b.Property(i => i.State).HasMaxLength(60);
        b.HasIndex(i => new { i.SubjectKind, i.SubjectId }).IsUnique();
        b.HasOne<WorkflowSnapshot>().WithMany().HasForeignKey(i => i.SnapshotId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkflowTimerConfiguration : IEntityTypeConfiguration<WorkflowTimer>
{
    public void Configure(EntityTypeBuilder<WorkflowTimer> b)
    {
        b.HasIndex(t => new { t.FiredAtUtc, t.CancelledAtUtc, t.DueAtUtc });
        b.HasOne(t => t.Instance).WithMany().HasForeignKey(t => t.InstanceId);
    }
}

internal sealed class WorkflowJournalConfiguration : IEntityTypeConfiguration<WorkflowJournalEntry>
{
    public void Configure(EntityTypeBuilder<WorkflowJournalEntry> b)
    {
        b.HasIndex(j => j.InstanceId);
        b.HasOne(j => j.Instance).WithMany().HasForeignKey(j => j.InstanceId);
    }
}

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> b)
    {
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Decision).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.Dca).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.DecidedVia).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.TokenHash).HasMaxLength(64);
        b.HasIndex(r => r.TokenHash).IsUnique();
        // An approver's inbox reads their waiting requests oldest first: in this index's order, a page reads its 25 and
        // no more (at ten times the report's size a BCM has 359 waiting, which the page sorted each time).
        b.HasIndex(r => new { r.ApproverUserId, r.Status, r.CreatedAtUtc });
        b.HasIndex(r => r.WorkflowInstanceId);
        b.HasOne(r => r.WorkflowInstance).WithMany().HasForeignKey(r => r.WorkflowInstanceId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.IssuedInState).HasMaxLength(60);
        b.HasOne<ApprovalRequest>().WithMany().HasForeignKey(r => r.ReplacesRequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.ReplacesRequestId);
        // An approver's re-sent links on their way (DecisionsWaiting): a range of this index, not a look-up per waiting request.
        b.HasIndex(r => new { r.ApproverUserId, r.Status, r.ReplacesRequestId });
        // The tracker's read model reads a release's go / no-go requests; stuck approvals group the pending ones.
        b.HasIndex(r => new { r.ReleaseId, r.Kind });
        b.HasIndex(r => new { r.Status, r.ApproverUserId });
    }
}

internal sealed class ApprovalConditionConfiguration : IEntityTypeConfiguration<ApprovalCondition>
{
    public void Configure(EntityTypeBuilder<ApprovalCondition> b)
    {
        b.HasIndex(c => c.ReleaseId);
        b.HasOne<ApprovalRequest>().WithMany().HasForeignKey(c => c.ApprovalRequestId);
    }
}

internal sealed class WaiverConfiguration : IEntityTypeConfiguration<Waiver>
{
    public void Configure(EntityTypeBuilder<Waiver> b)
    {
        b.HasIndex(w => new { w.AssessmentId, w.CriterionId });
        b.HasOne<ApprovalRequest>().WithMany().HasForeignKey(w => w.ApprovalRequestId);
        b.HasOne<Templates.Criterion>().WithMany().HasForeignKey(w => w.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DelegationConfiguration : IEntityTypeConfiguration<Delegation>
{
    public void Configure(EntityTypeBuilder<Delegation> b)
    {
        b.HasIndex(d => d.FromUserId);
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Property(m => m.HtmlBody).HasMaxLength(100_000);
        b.Property(m => m.TextBody).HasMaxLength(100_000);
        b.HasIndex(m => m.MessageId).IsUnique();
        b.HasIndex(m => new { m.SentAtUtc, m.FailedAtUtc, m.NextAttemptAtUtc });
        b.HasOne(m => m.ApprovalRequest).WithMany().HasForeignKey(m => m.ApprovalRequestId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(e => e.Channel).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(e => e.ChainIndex).IsUnique();
        b.HasIndex(e => new { e.SubjectType, e.SubjectId });
        b.Property(e => e.Hash).HasMaxLength(64);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Scheme).HasDefaultValue(AuditEntry.LegacyScheme);
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.HasIndex(i => i.ResolvedAtUtc);
        b.Property(i => i.ActionState).HasMaxLength(60);
        b.HasOne(i => i.WorkflowInstance).WithMany().HasForeignKey(i => i.WorkflowInstanceId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<OutboxMessage>().WithMany().HasForeignKey(i => i.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
    }
}
