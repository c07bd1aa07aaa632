using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readiness.Core.Approvals;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Portfolio;
using Readiness.Core.Risks;

namespace Readiness.Core.Persistence;

internal sealed class RiskConfiguration : IEntityTypeConfiguration<Risk>
{
    public void Configure(EntityTypeBuilder<Risk> b)
    {
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.Level).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Proximity).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Title).HasMaxLength(200);
        b.HasIndex(r => new { r.Status, r.Score });
        b.HasIndex(r => r.OwnerUserId);
        b.HasOne<ReadinessUser>().WithMany().HasForeignKey(r => r.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Programme>().WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        // The lists are the entity's private fields: EF reads and writes them, code changes them through Risk's methods.
        b.HasMany(r => r.Actions).WithOne().HasForeignKey(a => a.RiskId);
        b.HasMany(r => r.ScoreHistory).WithOne().HasForeignKey(h => h.RiskId);
        b.HasMany(r => r.Releases).WithOne().HasForeignKey(x => x.RiskId);
        b.HasMany(r => r.Areas).WithOne().HasForeignKey(x => x.RiskId);
        foreach (var list in new[] { nameof(Risk.Actions), nameof(Risk.ScoreHistory), nameof(Risk.Releases), nameof(Risk.Areas) })
            b.Navigation(list).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(r => r.Reference);
    }
}

internal sealed class RiskActionConfiguration : IEntityTypeConfiguration<RiskAction>
{
    public void Configure(EntityTypeBuilder<RiskAction> b)
    {
        b.HasIndex(a => new { a.OwnerUserId, a.DoneAtUtc });
        b.HasOne<ReadinessUser>().WithMany().HasForeignKey(a => a.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RiskReleaseConfiguration : IEntityTypeConfiguration<RiskRelease>
{
    public void Configure(EntityTypeBuilder<RiskRelease> b)
    {
        b.HasKey(x => new { x.RiskId, x.ReleaseId });
        b.HasIndex(x => x.ReleaseId);
        b.HasOne<Release>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RiskAreaConfiguration : IEntityTypeConfiguration<RiskArea>
{
    public void Configure(EntityTypeBuilder<RiskArea> b)
    {
        b.HasKey(x => new { x.RiskId, x.BusinessAreaId });
        b.HasIndex(x => x.BusinessAreaId);
        b.HasOne<BusinessArea>().WithMany().HasForeignKey(x => x.BusinessAreaId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RiskAcknowledgementConfiguration : IEntityTypeConfiguration<RiskAcknowledgement>
{
    public void Configure(EntityTypeBuilder<RiskAcknowledgement> b)
    {
        b.HasIndex(x => new { x.ApprovalRequestId, x.RiskId }).IsUnique();
        b.HasOne<ApprovalRequest>().WithMany().HasForeignKey(x => x.ApprovalRequestId);
        b.HasOne<Risk>().WithMany().HasForeignKey(x => x.RiskId).OnDelete(DeleteBehavior.Restrict);
    }
}
