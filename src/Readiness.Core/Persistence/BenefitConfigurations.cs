using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Readiness.Core.Benefits;
using Readiness.Core.BusinessAreas;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Core.Portfolio;

namespace Readiness.Core.Persistence;

internal sealed class BenefitConfiguration : IEntityTypeConfiguration<Benefit>
{
    public void Configure(EntityTypeBuilder<Benefit> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Measure).HasMaxLength(500);
        b.Property(x => x.Unit).HasMaxLength(40);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.ProfilePoints);
        b.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ReadinessUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LeadIndicator>().WithMany().HasForeignKey(x => x.LeadIndicatorId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Releases).WithOne().HasForeignKey(x => x.BenefitId);
        b.HasMany(x => x.Areas).WithOne().HasForeignKey(x => x.BenefitId);
        b.HasMany(x => x.Profile).WithOne().HasForeignKey(x => x.BenefitId);
    }
}

internal sealed class BenefitReleaseConfiguration : IEntityTypeConfiguration<BenefitRelease>
{
    public void Configure(EntityTypeBuilder<BenefitRelease> b)
    {
        b.HasKey(x => new { x.BenefitId, x.ReleaseId });
        b.HasIndex(x => x.ReleaseId);
        b.HasOne<Release>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BenefitAreaConfiguration : IEntityTypeConfiguration<BenefitArea>
{
    public void Configure(EntityTypeBuilder<BenefitArea> b)
    {
        b.HasKey(x => new { x.BenefitId, x.BusinessAreaId });
        b.HasOne<BusinessArea>().WithMany().HasForeignKey(x => x.BusinessAreaId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BenefitProfilePointConfiguration : IEntityTypeConfiguration<BenefitProfilePoint>
{
    public void Configure(EntityTypeBuilder<BenefitProfilePoint> b) => b.HasKey(x => new { x.BenefitId, x.Date });
}

internal sealed class BenefitMeasurementConfiguration : IEntityTypeConfiguration<BenefitMeasurement>
{
    public void Configure(EntityTypeBuilder<BenefitMeasurement> b)
    {
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(x => new { x.BenefitId, x.Date }).IsUnique();
        b.HasOne<Benefit>().WithMany().HasForeignKey(x => x.BenefitId);
        b.HasOne<ReadinessUser>().WithMany().HasForeignKey(x => x.EnteredByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
