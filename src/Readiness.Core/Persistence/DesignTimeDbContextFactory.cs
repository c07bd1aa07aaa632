using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Readiness.Core.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ReadinessDbContext>
{
    public ReadinessDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReadinessDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(ReadinessDbContext).Assembly.GetName().Name))
            .Options);
}
