using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Readiness.Core.BusinessAreas;
using Readiness.Infrastructure.Tests.Email;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.BrowserTests.Infrastructure;

/// <summary>
/// The real app on Kestrel at http://127.0.0.1:{free port} (a real SQLite file, demo data, the fake clock, email to an
/// in-process SMTP server, decision links pointing at this address), and the system's Chromium driven by Playwright.
/// </summary>
public sealed class ServedApp(IReadOnlyDictionary<string, string?>? extraSettings = null) : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

    private IPlaywright? _playwright;

    internal SmtpTestServer Smtp { get; private set; } = null!;
    public ReadinessFactory Factory { get; private set; } = null!;
    internal ApprovalDriver Driver { get; private set; } = null!;
    public IBrowser Chromium { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        var port = SmtpTestServer.FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var settings = ApprovalDriver.SmtpSettings(Smtp);
        settings["Approvals:PublicBaseUrl"] = BaseUrl.ToString();
        // Kestrel serves plain HTTP on loopback here, so the cookies cannot be HTTPS-only.
        settings["Security:SecureCookies"] = "false";
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>()) settings[key] = value;
        Factory = new ReadinessFactory(settings: settings);
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        Factory.StartServer();
        Driver = new ApprovalDriver(Factory, Smtp);

        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run tests/run.sh, which installs Debian's chromium package.");
        // CI runs every test project at once on two cores: give the page assertions time.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        _playwright?.Dispose();
        if (Factory is not null) await Factory.DisposeAsync();
        if (Smtp is not null) await Smtp.DisposeAsync();
    }

    /// <summary>A fresh browser context (no cookies) whose pages resolve relative URLs against the app.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var options = new BrowserNewContextOptions { BaseURL = BaseUrl.ToString(), Locale = "en-GB" };
        if (viewport is not null) options.ViewportSize = viewport;
        var context = await Chromium.NewContextAsync(options);
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh context signed in through the sign-in page, as a person would.</summary>
    public async Task<IPage> SignedInAsync(string email, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        await SignInAsync(page, email);
        return page;
    }

    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Browser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Arrival.AwayFromAsync(page, new Regex("/Account/SignIn", RegexOptions.IgnoreCase));
    }

    /// <summary>The decision link in the newest email to <paramref name="address"/>, as the email gives it (absolute).</summary>
    public string EmailedLink(string address) => new Uri(BaseUrl, Driver.LinkFor(address)).ToString();

    public Task<List<string>> MembersAsync(string area, AreaRole role) => Factory.WithDbAsync(db =>
        (from m in db.AreaMemberships
         join a in db.BusinessAreas on m.BusinessAreaId equals a.Id
         join u in db.Users on m.UserId equals u.Id
         where a.Code == area && m.Role == role
         orderby u.Email
         select u.Email!).ToListAsync());

    public Task<int> ReturnIdAsync(string release, string area) => Factory.WithDbAsync(db =>
        (from a in db.Assessments
         join r in db.Releases on a.ReleaseId equals r.Id
         join b in db.BusinessAreas on a.BusinessAreaId equals b.Id
         where r.Code == release && b.Code == area
         select a.Id).SingleAsync());

    public Task<DateOnly> GoLiveAsync(string release) =>
        Factory.WithDbAsync(db => db.Releases.Where(r => r.Code == release).Select(r => r.GoLive).SingleAsync());
}
