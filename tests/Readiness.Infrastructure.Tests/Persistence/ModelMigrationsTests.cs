using Microsoft.EntityFrameworkCore;
using Readiness.Infrastructure.Persistence;

namespace Readiness.Infrastructure.Tests.Persistence;

/// <summary>
/// The app skips EF Core's check at Migrate that every model change has its migration (it cost every start a model
/// comparison, see <see cref="DatabaseProvider.Configure"/>); this makes the same check, for each provider's migrations.
/// Neither needs a database: the model is compared with the last migration's snapshot.
/// </summary>
public class ModelMigrationsTests
{
    [Theory]
    [InlineData(DatabaseOptions.Sqlite, "Data Source=model-check.db")]
    [InlineData(DatabaseOptions.Postgres, "Host=127.0.0.1;Database=model_check")]
    public void Every_model_change_has_a_migration(string provider, string connectionString)
    {
        using var db = DatabaseProvider.NewContext(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }, Path.GetTempPath());

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration holds: add one (docs/decisions.md, migrations).");
    }
}
