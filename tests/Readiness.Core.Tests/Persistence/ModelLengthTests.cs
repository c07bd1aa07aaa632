using Microsoft.EntityFrameworkCore;
using Readiness.Core.Persistence;

namespace Readiness.Core.Tests.Persistence;

/// <summary>
/// SQLite ignores column lengths; PostgreSQL enforces them. An enum stored by name must fit its column, or the first
/// save of its longest value fails on PostgreSQL only (it did: "ApprovedWithConditions" in a 20-character status).
/// </summary>
public sealed class ModelLengthTests
{
    [Fact]
    public void Every_enum_stored_by_name_fits_its_column()
    {
        using var db = new ReadinessDbContext(new DbContextOptionsBuilder<ReadinessDbContext>().UseSqlite("Data Source=:memory:").Options);

        var tooShort = (from entity in db.Model.GetEntityTypes()
                        from property in entity.GetProperties()
                        let type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType
                        where type.IsEnum && property.GetProviderClrType() == typeof(string)
                        let longest = Enum.GetNames(type).Max(n => n.Length)
                        where property.GetMaxLength() is not { } max || max < longest
                        select $"{entity.ClrType.Name}.{property.Name}: {property.GetMaxLength()} < {longest}").ToList();

        Assert.Empty(tooShort);
    }
}
