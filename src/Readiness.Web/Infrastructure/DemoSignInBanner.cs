using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Readiness.Core.Identity;
using Readiness.Infrastructure.Persistence;
using Readiness.Infrastructure.Seeding;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Development only: once the server listens, prints where it is and how to sign in as each demo role,
/// so a newcomer can start clicking straight away.
/// </summary>
internal sealed class DemoSignInBanner(IHostApplicationLifetime lifetime, IServer server, IOptions<SeedOptions> seed, IOptions<DatabaseOptions> database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine($"Readiness is running ({(database.Value.IsPostgres ? "PostgreSQL" : "embedded default: SQLite")}, seeded demo data).");
        foreach (var address in addresses) Console.WriteLine($"  Open {address}");
        var users = ReadUsers();
        if (users is null) return;
        Console.WriteLine($"Demo sign-ins (password for all: {users.DefaultPassword}):");
        foreach (var role in Roles.All)
            foreach (var u in users.Users.Where(u => u.Roles.Contains(role)).Take(2))
                Console.WriteLine($"  {role,-9} {u.Email,-34} {u.Name}");
        Console.WriteLine("Press Ctrl+C to stop.");
        Console.WriteLine();
    }

    private UsersDocument? ReadUsers()
    {
        var path = Path.Combine(seed.Value.ResolvedPath, SeedReader.UsersFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<UsersDocument>(File.ReadAllText(path), SeedReader.Json) : null;
    }
}
