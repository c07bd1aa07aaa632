using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Identity;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>The defects the attack drill found (issue 14), each shown fixed on the real app.</summary>
public sealed class SecurityDefectTests : IDisposable
{
    private const string Pmo = "pmo@readiness.demo";
    private const string Lead = "tl.custody@readiness.demo";
    private readonly ReadinessFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<Browser> SignedInAsync(string email)
    {
        var browser = new Browser(_factory.CreateBrowser());
        await browser.SignInAsync(email);
        return browser;
    }

    [Fact]
    public async Task A_million_character_comment_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var lead = await SignedInAsync(Lead);
        var returns = new ReturnDriver(_factory, lead);
        var id = await returns.ReturnIdAsync("CONNECT-P1", "CUSTODY");
        var form = ReturnDriver.AnswerForm(await lead.GetAsync($"/Assessments/Edit/{id}?section=1"));

        var response = await lead.SubmitAsync(form, new() { ["Answers[0].Comment"] = new string('x', 1_000_000) }, "go", "stay");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response, $"/Assessments/Edit/{id}");
        Assert.Contains("The comment is 1,000,000 characters long: keep it to 4,000 or fewer", page.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await returns.LoadAsync(id)).Answers);
    }

    [Fact]
    public async Task A_form_over_the_size_limit_gets_a_clear_page_and_nothing_is_written()
    {
        var lead = await SignedInAsync(Lead);
        var returns = new ReturnDriver(_factory, lead);
        var id = await returns.ReturnIdAsync("CONNECT-P1", "CUSTODY");
        var form = ReturnDriver.AnswerForm(await lead.GetAsync($"/Assessments/Edit/{id}?section=1"));

        var response = await lead.SubmitAsync(form, new() { ["Answers[0].Comment"] = new string('x', 5_000_000) }, "go", "stay");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("That was too large to take", (await Browser.ParseAsync(response, "/")).QuerySelector("h1")!.TextContent);
        Assert.Empty((await returns.LoadAsync(id)).Answers);
    }

    [Fact]
    public async Task A_template_upload_over_1_MB_gets_a_clear_page_and_nothing_is_published()
    {
        var pmo = await SignedInAsync(Pmo);
        var page = await pmo.GetAsync("/Admin/Templates");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var templates = await _factory.WithDbAsync(db => db.Templates.CountAsync());
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("{\"key\":\"" + new string('x', 1_200_000) + "\"}")) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, "Upload", "big.json" },
        };

        var response = await pmo.Client.PostAsync("/Admin/Templates", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("a template up to 1 MB", (await Browser.ParseAsync(response, "/")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(templates, await _factory.WithDbAsync(db => db.Templates.CountAsync()));
    }

    [Fact]
    public async Task A_readings_upload_over_its_4_MB_limit_is_told_that_limit_not_another_and_nothing_is_recorded()
    {
        var pmo = await SignedInAsync(Pmo);
        var indicatorId = await _factory.WithDbAsync(db => db.LeadIndicators.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        var page = await pmo.GetAsync($"/Indicators/{indicatorId}/Upload");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var readings = await _factory.WithDbAsync(db => db.IndicatorReadings.CountAsync());
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("week,value\n" + new string('1', 4_300_000))) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "File", "readings.csv" },
        };

        var response = await pmo.Client.PostAsync($"/Indicators/{indicatorId}/Upload", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("of readings or measurements up to 4 MB", (await Browser.ParseAsync(response, "/")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(readings, await _factory.WithDbAsync(db => db.IndicatorReadings.CountAsync()));
    }

    [Fact]
    public async Task A_wrong_password_and_a_locked_account_get_the_same_answer()
    {
        await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == "bcm.justice@readiness.demo")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1))));

        var wrong = await SignInPageAsync(Pmo, "not-the-password");
        var locked = await SignInPageAsync("bcm.justice@readiness.demo", Browser.Password);

        Assert.Equal(wrong.Message, locked.Message);
        Assert.Equal(HttpStatusCode.OK, locked.Status);
    }

    [Fact]
    public async Task Repeated_failures_for_one_account_are_throttled_even_with_the_right_password()
    {
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await SignInPageAsync(Pmo, $"guess {i}")).Status);

        var throttled = await SignInPageAsync(Pmo, Browser.Password);
        var other = await SignInPageAsync("pmo.analyst@readiness.demo", Browser.Password, expectSuccess: true);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal(HttpStatusCode.Redirect, other.Status); // another account from the same place is not held up
    }

    [Fact]
    public async Task Spraying_many_accounts_from_one_client_is_throttled()
    {
        var emails = await _factory.WithDbAsync(db => db.Users.OrderBy(u => u.Email).Select(u => u.Email!).Take(12).ToListAsync());
        var statuses = new List<HttpStatusCode>();
        foreach (var email in emails) statuses.Add((await SignInPageAsync(email, "Winter2026!")).Status);

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private async Task<(HttpStatusCode Status, string Message)> SignInPageAsync(string email, string password, bool expectSuccess = false)
    {
        var browser = new Browser(_factory.CreateBrowser());
        var page = await browser.GetAsync("/Account/SignIn");
        var response = await browser.SubmitAsync(page.Forms.First(f => f.QuerySelector("#Email") is not null), new() { ["Email"] = email, ["Password"] = password });
        if (expectSuccess) return (response.StatusCode, "");
        var summary = (await Browser.ParseAsync(response, "/Account/SignIn")).QuerySelector(".error-summary")?.TextContent.Trim() ?? "";
        return (response.StatusCode, summary);
    }

    [Fact]
    public async Task The_heatmap_csv_writes_a_formula_looking_area_name_as_text()
    {
        await _factory.WithDbAsync(db => db.BusinessAreas.Where(a => a.Code == "METCC").ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, "+cmd|' /C calc'!A0")));
        var pmo = await SignedInAsync(Pmo);

        var records = CsvRecords.Read(await (await pmo.GetRawAsync("/Portfolio/Heatmap?handler=Csv")).Content.ReadAsByteArrayAsync());

        Assert.Equal("'+cmd|' /C calc'!A0", records.Single(r => r["Area code"] == "METCC")["Area"]);
    }

    [Fact]
    public async Task Outside_development_pages_send_hsts_over_https_and_cookies_are_https_only()
    {
        var client = _factory.CreateBrowser();
        client.BaseAddress = new Uri("https://readiness.force.example");

        var response = await client.GetAsync("/Account/SignIn");

        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.All(response.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Removing_a_persons_last_bcm_membership_removes_the_bcm_role()
    {
        var pmo = await SignedInAsync(Pmo);
        var (userId, memberships) = await _factory.WithDbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.Email == "bcm.justice@readiness.demo").Select(u => u.Id).SingleAsync();
            return (id, await (from m in db.AreaMemberships join a in db.BusinessAreas on m.BusinessAreaId equals a.Id
                               where m.UserId == id && m.Role == Core.BusinessAreas.AreaRole.Bcm select new { m.Id, a.Code }).ToListAsync());
        });
        Assert.True(memberships.Count >= 2);

        foreach (var (m, i) in memberships.Select((m, i) => (m, i)))
        {
            var page = await pmo.GetAsync($"/Admin/Areas/{m.Code}");
            var form = page.Forms.Single(f => (f.Action ?? "").Contains($"id={m.Id}", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.Redirect, (await pmo.SubmitAsync(form, [])).StatusCode);
            var roles = await RolesAsync(userId);
            Assert.Equal(i < memberships.Count - 1, roles.Contains(Roles.Bcm)); // kept while another membership remains
        }
        var portfolio = await (await SignedInAsync("bcm.justice@readiness.demo")).GetRawAsync("/Portfolio/Tracker");
        Assert.NotEqual(HttpStatusCode.OK, portfolio.StatusCode);
    }

    private Task<List<string>> RolesAsync(string userId) => _factory.WithDbAsync(db =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync());

    [Theory]
    [InlineData("TRACE", "/Releases")]
    [InlineData("TRACE", "/Portfolio/Tracker")]
    [InlineData("PUT", "/Approvals")]
    [InlineData("DELETE", "/Releases/CONNECT-P1")]
    [InlineData("PATCH", "/Account/SignIn")]
    public async Task Unsupported_methods_answer_405_never_500(string method, string url)
    {
        var pmo = await SignedInAsync(Pmo);

        var response = await pmo.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", string.Join(",", response.Content.Headers.Allow), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_to_a_page_without_a_post_handler_answers_405()
    {
        var pmo = await SignedInAsync(Pmo);
        var page = await pmo.GetAsync("/Releases");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        var response = await pmo.Client.PostAsync("/Releases", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Every_page_sends_a_content_security_policy_with_a_fresh_nonce_and_forbids_framing()
    {
        var client = _factory.CreateBrowser();

        var first = await client.GetAsync("/Account/SignIn");
        var second = await client.GetAsync("/Account/SignIn");

        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'nonce-", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.NotEqual(policy, second.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var pmo = await SignedInAsync(Pmo);
        var people = await _factory.WithDbAsync(db => db.Users.CountAsync());

        var response = await pmo.Client.PostAsync("/Admin/People/Invite", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "forged@example.org", ["DisplayName"] = "Forged",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(people, await _factory.WithDbAsync(db => db.Users.CountAsync()));
    }
}
