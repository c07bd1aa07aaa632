using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Readiness.Core.Identity;
using Readiness.Core.People;
using Readiness.Core.Persistence;
using Readiness.Web.Infrastructure;

namespace Readiness.Web;

public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddReadinessWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        // Scale-out: keys shared through the database, the client's address through trusted proxies, health for the balancer.
        services.AddReadinessSharedKeys().AddReadinessProxyHeaders(configuration).AddReadinessHealthChecks();

        services.AddIdentity<ReadinessUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Lockout.MaxFailedAccessAttempts = 10;
                // An invitation's set-password link: single-use through the security stamp, a week on the app's clock.
                o.Tokens.PasswordResetTokenProvider = InvitationTokens.ProviderName;
            })
            .AddEntityFrameworkStores<ReadinessDbContext>()
            .AddClaimsPrincipalFactory<DisplayNameClaims>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InvitationTokens>(InvitationTokens.ProviderName);

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "readiness.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnValidatePrincipal = SecurityStampCheck.WhenDueAsync;
        });
        RememberedTickets.AddTo(services);
        services.AddAntiforgery(o => o.Cookie.Name = "readiness.af");
        services.AddReadinessSecurity(configuration);
        services.AddReadinessOidc(configuration);
        // Deactivating a person or changing their roles changes their security stamp: every session notices within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        // Every page needs a signed-in person unless it opts out (only sign-in does).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.TeamLead, p => p.RequireRole(Roles.TeamLead));

        services.AddRazorPages(o =>
            {
                o.Conventions.AllowAnonymousToPage("/Account/SignIn");
                o.Conventions.AllowAnonymousToPage("/Account/ExternalSignIn");
                o.Conventions.AllowAnonymousToPage("/Account/SetPassword");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.ConfigureFilter(new MethodNotAllowedPageFilter());
                o.Conventions.ConfigureFilter(new FormLimitsFilter());
                // Decision links sent before links carried only the token also name the request: they keep working.
                o.Conventions.AddPageRoute("/Approvals/Link", "Decide/{id:int}/{token}");
            })
            .AddMvcOptions(o =>
            {
                // Added first, so the read's one connection also serves the layout's counts.
                o.Filters.Add<ReadConnectionFilter>();
                o.Filters.Add<LayoutFilter>();
            });
        services.AddHttpContextAccessor();
        services.AddReadinessCompression();
        services.AddScoped<Pages.Portfolio.CalendarFeeds>();
        services.AddSingleton<FirstRequestWarmUp>();
        services.AddScoped(sp => ActorFrom(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
        if (environment.IsDevelopment()) services.AddHostedService<DemoSignInBanner>();
        return services;
    }

    public static WebApplication UseReadinessWeb(this WebApplication app)
    {
        app.UseReadinessProxyHeaders();
        app.UseResponseCompression();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseRequestGuards();
        var authentication = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReadinessAuthenticationOptions>>().Value;
        app.UseSecurityHeaders(HangfireDashboard.Path, authentication.OidcEnabled ? new Uri(authentication.Oidc.Authority) : null);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapReadinessDashboard();
        app.MapReadinessHealth();
        // Endpoints run inside this pipeline, not only at its end where the host adds them, so that the warm-up's copy
        // of the pipeline renders its page.
        app.UseEndpoints(_ => { });
        FirstRequestWarmUp.Begin(app);
        return app;
    }

    private static Actor ActorFrom(ClaimsPrincipal? user)
    {
        var id = user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var roles = user?.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet() ?? [];
        return new Actor(id, roles);
    }
}

public static class Policies
{
    public const string TeamLead = "TeamLead";
}
