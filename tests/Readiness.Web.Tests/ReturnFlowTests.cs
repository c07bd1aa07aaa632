using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>The team lead's return, end to end through the real pages: draft, invalid submit, valid submit, read-only.</summary>
public sealed class ReturnFlowTests : IDisposable
{
    private readonly ReadinessFactory _factory = new();
    private readonly Browser _browser;
    private readonly ReturnDriver _driver;

    public ReturnFlowTests()
    {
        _browser = new Browser(_factory.CreateBrowser());
        _driver = new ReturnDriver(_factory, _browser);
    }

    public void Dispose() => _factory.Dispose();

    private async Task<int> SignedInCustodyReturnAsync()
    {
        await _browser.SignInAsync("tl.custody@readiness.demo");
        return await _driver.ReturnIdAsync("CONNECT-P1", "CUSTODY");
    }

    private Task<DateOnly> GoLiveAsync() => _factory.WithDbAsync(db => db.Releases.Where(r => r.Code == "CONNECT-P1").Select(r => r.GoLive).SingleAsync());

    [Fact]
    public async Task Saving_a_draft_keeps_the_answers_and_shows_them_when_the_form_is_reopened()
    {
        var id = await SignedInCustodyReturnAsync();

        var response = await _driver.AnswerSectionAsync(id, 1, c => (ReturnDriver.PassingValue(c, new DateOnly(2026, 4, 1)), ReturnDriver.Evidence, "Checked with the team"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await _driver.LoadAsync(id);
        Assert.Equal(AssessmentStatus.Draft, saved.Status);
        Assert.NotEmpty(saved.Answers);
        var page = await _browser.GetAsync($"/Assessments/Edit/{id}?section=1");
        Assert.All(page.QuerySelectorAll("textarea[name$='.Comment']"), t => Assert.Equal("Checked with the team", t.TextContent));
    }

    [Fact]
    public async Task A_malformed_answer_is_not_saved_and_is_shown_back_with_its_message()
    {
        var id = await SignedInCustodyReturnAsync();
        var number = await _factory.WithDbAsync(db => db.Criteria.FirstAsync(c => c.AnswerType == Readiness.Core.Templates.AnswerType.Percentage));
        var section = await _factory.WithDbAsync(db => db.TemplateSections.Where(s => s.Id == number.SectionId).Select(s => s.Order).SingleAsync());

        var response = await _driver.AnswerSectionAsync(id, section, c => (c.Id == number.Id ? "lots" : "", "", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response, $"/Assessments/Edit/{id}");
        var link = page.QuerySelector(".error-summary a")!;
        Assert.Equal($"#c{number.Id}-value", link.GetAttribute("href"));
        Assert.Equal("lots", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector($"#c{number.Id}-value")!).Value);
        Assert.Empty((await _driver.LoadAsync(id)).Answers);
    }

    [Fact]
    public async Task Submitting_an_incomplete_return_shows_linked_errors_and_submits_nothing()
    {
        var id = await SignedInCustodyReturnAsync();
        await _driver.AnswerSectionAsync(id, 1, c => (ReturnDriver.PassingValue(c, new DateOnly(2026, 4, 1)), "", ""));

        var response = await _driver.SubmitAsync(id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode); // invalid input: the same status as every other form
        var page = await Browser.ParseAsync(response, $"/Assessments/Submit/{id}");
        var links = page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.Matches(@"^/Assessments/Edit/\d+\?section=\d+&check=true#c\d+-(value|evidence|comment)$", href));
        Assert.Contains(links, href => href.EndsWith("-evidence", StringComparison.Ordinal));
        var saved = await _driver.LoadAsync(id);
        Assert.NotEqual(AssessmentStatus.Submitted, saved.Status);
        Assert.Null(saved.SubmittedAtUtc);
    }

    [Fact]
    public async Task A_complete_return_submits_scores_green_and_is_read_only_afterwards()
    {
        var id = await SignedInCustodyReturnAsync();
        await _driver.AnswerAllPassingAsync(id, await GoLiveAsync());

        var response = await _driver.SubmitAsync(id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Assessments/View/{id}", response.Headers.Location!.OriginalString);
        var saved = await _driver.LoadAsync(id);
        Assert.Equal(AssessmentStatus.Submitted, saved.Status);
        Assert.Equal(100m, saved.Score);
        Assert.Equal(Readiness.Core.Common.Rag.Green, saved.Rag);

        var view = await _browser.GetAsync($"/Assessments/View/{id}");
        Assert.Contains("Green", view.QuerySelector("[data-testid=rag]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(view.Forms, f => f.QuerySelector("input[name$='.Value']") is not null);

        var edit = await _browser.GetRawAsync($"/Assessments/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Equal($"/Assessments/View/{id}", edit.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_submitted_return_refuses_a_late_save_from_an_old_tab()
    {
        var id = await SignedInCustodyReturnAsync();
        var goLive = await GoLiveAsync();
        await _driver.AnswerAllPassingAsync(id, goLive);
        var oldTab = ReturnDriver.AnswerForm(await _browser.GetAsync($"/Assessments/Edit/{id}?section=1"));
        await _driver.SubmitAsync(id);
        var before = await _driver.LoadAsync(id);

        var response = await _browser.SubmitAsync(oldTab, new() { ["Answers[0].Comment"] = "late change" }, "go", "stay");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await _driver.LoadAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.DoesNotContain(after.Answers, a => a.Comment == "late change");
    }

    [Fact]
    public async Task A_failed_blocking_criterion_makes_the_return_red_whatever_the_score()
    {
        var id = await SignedInCustodyReturnAsync();
        var goLive = await GoLiveAsync();
        await _driver.AnswerAllPassingAsync(id, goLive);
        var blocking = await _factory.WithDbAsync(db => db.Criteria.FirstAsync(c => c.Blocking && c.AnswerType == Readiness.Core.Templates.AnswerType.YesNo && c.Evidence == Readiness.Core.Templates.EvidenceRule.WhenPassing));
        var section = await _factory.WithDbAsync(db => db.TemplateSections.Where(s => s.Id == blocking.SectionId).Select(s => s.Order).SingleAsync());
        await _driver.AnswerSectionAsync(id, section, c => c.Id == blocking.Id
            ? ("No", "", "Supplier fix due next week")
            : (ReturnDriver.PassingValue(c, goLive), ReturnDriver.Evidence, ""));

        await _driver.SubmitAsync(id);

        var saved = await _driver.LoadAsync(id);
        Assert.Equal(AssessmentStatus.Submitted, saved.Status);
        Assert.Equal(Readiness.Core.Common.Rag.Red, saved.Rag);
        Assert.True(saved.Score > 90m);
        var view = await _browser.GetAsync($"/Assessments/View/{id}");
        Assert.Contains(blocking.Code, view.QuerySelector("[data-testid=missing]")!.TextContent, StringComparison.Ordinal);
    }
}
