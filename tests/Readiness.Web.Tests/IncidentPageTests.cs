using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Workflows;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>The PMO sees what failed (e.g. an email refused by the mail server) and records what was done about it.</summary>
public sealed class IncidentPageTests(IncidentPageTests.Fixture fixture) : IClassFixture<IncidentPageTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public ReadinessFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    [Fact]
    public async Task The_pmo_sees_an_open_incident_and_resolving_it_is_recorded_and_audited()
    {
        var id = await fixture.Factory.WithDbAsync(async db =>
        {
            var incident = new Incident("EmailFailed", "Email 7 to bcm.justice@readiness.demo: Decision needed", "550 5.1.1 mailbox unknown", ReadinessFactory.DefaultNow.UtcDateTime);
            db.Incidents.Add(incident);
            await db.SaveChangesAsync();
            return incident.Id;
        });
        var pmo = new Browser(fixture.Factory.CreateBrowser());
        await pmo.SignInAsync("pmo@readiness.demo");

        var page = await pmo.GetAsync("/Incidents");
        var card = page.QuerySelectorAll("[data-testid=incident]").Single(e => e.TextContent.Contains("mailbox unknown", StringComparison.Ordinal));
        var response = await pmo.SubmitAsync(page.Forms.Single(f => f.QuerySelector($"#note-{id}") is not null), new() { ["note"] = "Address corrected in the directory; re-sent" });

        Assert.NotNull(card);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(await fixture.Factory.WithDbAsync(db => db.Incidents.Where(i => i.Id == id).Select(i => i.ResolvedAtUtc).SingleAsync()));
        Assert.True(await fixture.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "incident.resolved" && a.SubjectId == id.ToString())));
    }

    [Fact]
    public async Task Only_the_pmo_can_open_the_incidents_page()
    {
        var lead = new Browser(fixture.Factory.CreateBrowser());
        await lead.SignInAsync("tl.custody@readiness.demo");

        var response = await lead.GetRawAsync("/Incidents");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
