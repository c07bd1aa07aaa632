using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Readiness.Core.Persistence;

namespace Readiness.Migrations.Postgres;

/// <summary>
/// Lets `dotnet ef migrations add … --project src/Readiness.Migrations.Postgres` build the model on Npgsql without
/// starting the web host. It never connects: migrations are generated from the model alone.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ReadinessDbContext>
{
    public ReadinessDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReadinessDbContext>()
            .UseNpgsql("Host=localhost;Database=readiness_design_time", o => o.MigrationsAssembly(typeof(DesignTimeDbContextFactory).Assembly.GetName().Name))
            .Options);
}
