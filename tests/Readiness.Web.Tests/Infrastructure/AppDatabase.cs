using Readiness.Core.Persistence;

namespace Readiness.Web.Tests.Infrastructure;

/// <summary>Reads an app's database the way a test checks what the app did: an in-process app or real app processes.</summary>
public interface IAppDatabase
{
    Task<T> WithDbAsync<T>(Func<ReadinessDbContext, Task<T>> query);
}
