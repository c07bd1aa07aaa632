using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Readiness.Core.Persistence;

/// <summary>
/// A compiled query (EF.CompileAsyncQuery) for each model it runs on. EF Core binds a compiled query to the first model
/// that executes it and refuses any other, and one process can hold several: SQLite's compiled model beside
/// PostgreSQL's built one (the copy command), or the many apps of a test run. The queries worth compiling are the fixed
/// shapes that every page of a kind runs, where building the LINQ tree and extracting its parameters cost more than the
/// query itself.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
