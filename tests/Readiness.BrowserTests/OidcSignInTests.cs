using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Readiness.BrowserTests.Infrastructure;
using Readiness.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Readiness.BrowserTests;

/// <summary>
/// Readiness configured for an organisation's OpenID Connect provider (a real one, OpenIddict, in-process): a person
/// signs in through it in the browser, lands with the role their group maps to, and signing out ends the provider's
/// session too; tokens with the wrong audience or issuer are refused.
/// </summary>
public sealed class OidcSignInTests(OidcSignInTests.Fixture fixture) : IClassFixture<OidcSignInTests.Fixture>
{
    private static readonly ProviderPerson NewPmo = new("sub-pmo-1", "j.okafor@met.example", "Jo Okafor", true, "grp-readiness-pmo");
    private static readonly ProviderPerson ExistingBcm = new("sub-bcm-1", AccessibilityFixture.Bcm, "Provider's name for the BCM", true);
    private static readonly ProviderPerson UnverifiedSro = new("sub-sro-1", AccessibilityFixture.Sro, "Someone", false);
    private static readonly ProviderPerson Plain = new("sub-plain-1", "k.lee@met.example", "Kim Lee", true);

    public sealed class Fixture : IAsyncLifetime
    {
        public OidcTestProvider Provider { get; private set; } = null!;
        public ServedApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Provider = await OidcTestProvider.StartAsync();
            Provider.People.AddRange([NewPmo, ExistingBcm, UnverifiedSro, Plain]);
            App = new ServedApp(new Dictionary<string, string?>
            {
                ["Authentication:Oidc:Authority"] = Provider.Authority.ToString(),
                ["Authentication:Oidc:ClientId"] = OidcTestProvider.ClientId,
                ["Authentication:Oidc:ClientSecret"] = OidcTestProvider.ClientSecret,
                ["Authentication:Oidc:DisplayName"] = "Met account",
                ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
                ["Authentication:Oidc:GroupRoles:grp-readiness-pmo"] = "PMO",
            });
            await App.InitializeAsync();
            await Provider.RegisterClientAsync(App.BaseUrl);
            // Warm both ends before the first test (CI runs every project at once on two cores): the provider's
            // discovery and keys, and Readiness's copy of them, which it would otherwise fetch on the first click.
            var oidc = App.Factory.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Readiness.Web.Infrastructure.OidcServiceCollectionExtensions.Scheme);
            await oidc.ConfigurationManager!.GetConfigurationAsync(CancellationToken.None);
        }

        public async Task DisposeAsync()
        {
            if (App is not null) await App.DisposeAsync();
            if (Provider is not null) await Provider.DisposeAsync();
        }
    }

    private async Task<IPage> SignInThroughProviderAsync(ProviderPerson person)
    {
        var page = await fixture.App.NewPageAsync();
        page.SetDefaultNavigationTimeout(60_000); // the round trip through the provider is three navigations
        await page.GotoAsync("/Account/SignIn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Met account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Test provider" })).ToBeVisibleAsync();
        await page.GetByLabel("Email address").FillAsync(person.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        // Back on the app, past its callback: the provider's pages and /signin-oidc are on the way.
        await Arrival.AtAsync(page, new Regex("^" + Regex.Escape(fixture.App.BaseUrl.ToString()) + "(?!signin-oidc)"));
        return page;
    }

    [Fact]
    public async Task A_new_person_is_provisioned_with_the_role_of_their_group_and_signing_out_ends_the_provider_session()
    {
        var page = await SignInThroughProviderAsync(NewPmo);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What needs you today" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Signed in as Jo Okafor")).ToBeVisibleAsync();
        Assert.Equal("Jo Okafor", await fixture.App.Factory.WithDbAsync(db => db.Users.Where(u => u.Email == NewPmo.Email).Select(u => u.DisplayName).SingleAsync()));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToBeVisibleAsync();
        var roles = await fixture.App.Factory.WithDbAsync(db =>
            (from u in db.Users
             join ur in db.UserRoles on u.Id equals ur.UserId
             join r in db.Roles on ur.RoleId equals r.Id
             where u.Email == NewPmo.Email
             select r.Name).ToListAsync());
        Assert.Equal(["PMO"], roles);

        var before = fixture.Provider.EndSessions;
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Arrival.AtAsync(page, new Regex("/Account/SignIn"));
        Assert.Equal(before + 1, fixture.Provider.EndSessions);
        await page.GotoAsync("/Admin");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/SignIn"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_existing_person_is_linked_by_their_verified_email_and_keeps_their_account()
    {
        var page = await SignInThroughProviderAsync(ExistingBcm);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What needs you today" })).ToBeVisibleAsync();
        var accounts = await fixture.App.Factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == AccessibilityFixture.Bcm));
        Assert.Equal(1, accounts);
        Assert.True(await fixture.App.Factory.WithDbAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == ExistingBcm.Subject)));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unverified_email_does_not_take_over_an_existing_account()
    {
        var page = await SignInThroughProviderAsync(UnverifiedSro);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You cannot sign in to Readiness" })).ToBeVisibleAsync();
        Assert.False(await fixture.App.Factory.WithDbAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == UnverifiedSro.Subject)));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(ProviderFault.WrongAudience)]
    [InlineData(ProviderFault.WrongIssuer)]
    public async Task A_token_for_another_audience_or_from_another_issuer_is_refused(ProviderFault fault)
    {
        fixture.Provider.Fault = fault;
        try
        {
            var page = await SignInThroughProviderAsync(Plain);

            await Expect(page.GetByText("Signing in with Met account did not work")).ToBeVisibleAsync();
            Assert.Contains("/Account/SignIn", page.Url, StringComparison.Ordinal);
            Assert.False(await fixture.App.Factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == Plain.Email)));
            await page.Context.CloseAsync();
        }
        finally
        {
            fixture.Provider.Fault = ProviderFault.None;
        }
    }
}
