using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// The seed's people: every account in seed-data/users.json gets exactly the roles the file gives it, written with the
/// account (the seed adds the role rows itself, not through a second save of each account).
/// </summary>
public sealed class DemoPeopleTests : IAsyncLifetime
{
    private readonly ReadinessFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Every_person_in_the_file_has_exactly_the_roles_it_gives_them()
    {
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "seed-data", "users.json")))!;
        var expected = file["users"]!.AsArray().ToDictionary(
            u => u!["email"]!.GetValue<string>(),
            u => u!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Order().ToList());
        _ = _factory.CreateClient(); // starts the app: migrations and seed

        var held = await _factory.WithDbAsync(db => (
            from user in db.Users
            join link in db.UserRoles on user.Id equals link.UserId
            join role in db.Roles on link.RoleId equals role.Id
            select new { user.Email, role.Name }).ToListAsync());
        var actual = held.GroupBy(h => h.Email!).ToDictionary(g => g.Key, g => g.Select(h => h.Name!).Order().ToList());

        Assert.Equal(expected.Count, await _factory.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (email, roles) in expected) Assert.Equal(roles, actual[email]);
    }
}
