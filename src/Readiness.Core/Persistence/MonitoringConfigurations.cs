using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Indicators;
using Readiness.Core.Portfolio;
using Readiness.Core.Reminders;

namespace Readiness.Core.Persistence;

internal sealed class LeadIndicatorConfiguration : IEntityTypeConfiguration<LeadIndicator>
{
    public void Configure(EntityTypeBuilder<LeadIndicator> b)
    {
        b.Property(i => i.Direction).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(10);
        b.Property(i => i.Code).HasMaxLength(40);
        b.HasIndex(i => new { i.ReleaseId, i.Code }).IsUnique();
        b.HasOne<Release>().WithMany().HasForeignKey(i => i.ReleaseId);
        b.HasOne<BusinessArea>().WithMany().HasForeignKey(i => i.BusinessAreaId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IndicatorReadingConfiguration : IEntityTypeConfiguration<IndicatorReading>
{
    public void Configure(EntityTypeBuilder<IndicatorReading> b)
    {
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(r => new { r.IndicatorId, r.Date }).IsUnique();
        b.HasOne<LeadIndicator>().WithMany().HasForeignKey(r => r.IndicatorId);
    }
}

internal sealed class IndicatorAlertConfiguration : IEntityTypeConfiguration<IndicatorAlert>
{
    public void Configure(EntityTypeBuilder<IndicatorAlert> b)
    {
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Resolution).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Severity).HasMaxLength(10);
        b.HasIndex(a => new { a.IndicatorId, a.Status });
        b.HasOne<LeadIndicator>().WithMany().HasForeignKey(a => a.IndicatorId);
    }
}

internal sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLog>
{
    public void Configure(EntityTypeBuilder<ReminderLog> b)
    {
        b.Property(r => r.ItemKind).HasMaxLength(20);
        b.HasIndex(r => new { r.RecipientUserId, r.ItemKind, r.ItemId, r.Day }).IsUnique();
        b.HasIndex(r => new { r.ItemKind, r.ItemId });
        b.HasOne(r => r.OutboxMessage).WithMany().HasForeignKey(r => r.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ReminderDigestConfiguration : IEntityTypeConfiguration<ReminderDigest>
{
    public void Configure(EntityTypeBuilder<ReminderDigest> b)
    {
        b.HasIndex(d => new { d.UserId, d.Day }).IsUnique();
        b.HasOne(d => d.OutboxMessage).WithMany().HasForeignKey(d => d.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ReleaseDependencyConfiguration : IEntityTypeConfiguration<ReleaseDependency>
{
    public void Configure(EntityTypeBuilder<ReleaseDependency> b)
    {
        b.HasIndex(d => new { d.ReleaseId, d.DependsOnReleaseId }).IsUnique();
        b.HasOne<Release>().WithMany().HasForeignKey(d => d.ReleaseId);
        b.HasOne<Release>().WithMany().HasForeignKey(d => d.DependsOnReleaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
