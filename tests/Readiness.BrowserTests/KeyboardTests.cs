using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Readiness.BrowserTests.Infrastructure;
using Readiness.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Readiness.BrowserTests;

/// <summary>
/// The return form and the decision form used with the keyboard alone (Tab, Space, typing, Enter), as someone who
/// cannot use a mouse does; a refused decision moves focus to the error summary, whose links lead to the fields.
/// </summary>
public sealed class KeyboardTests : IAsyncLifetime
{
    private const string Lead = "tl.custody@readiness.demo";
    private const string Bcm = "bcm.justice@readiness.demo";
    private readonly ServedApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>: it is reachable by keyboard.</summary>
    private static async Task TabToAsync(IPage page, string selector, int max = 400)
    {
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector)) return;
        }
        Assert.Fail($"{selector} was not reached with {max} presses of Tab.");
    }

    [Fact]
    public async Task A_section_of_the_return_is_answered_and_saved_with_the_keyboard_alone()
    {
        var id = await _app.ReturnIdAsync("CONNECT-P1", "CUSTODY");
        var goLive = await _app.GoLiveAsync("CONNECT-P1");
        var criteria = await _app.Factory.WithDbAsync(db => db.Criteria.AsNoTracking().ToDictionaryAsync(c => c.Id));
        var page = await _app.SignedInAsync(Lead);
        await page.GotoAsync($"/Assessments/Edit/{id}?section=1");
        var hidden = await page.Locator("input[name$='.CriterionId']").AllAsync();
        var answered = 0;
        foreach (var field in hidden)
        {
            var name = (await field.GetAttributeAsync("name"))!;
            var prefix = name[..name.LastIndexOf('.')];
            var criterion = criteria[int.Parse((await field.InputValueAsync())!, System.Globalization.CultureInfo.InvariantCulture)];
            var value = ReturnDriver.PassingValue(criterion, goLive);
            var radio = page.Locator($"input[type=radio][name='{prefix}.Value'][value='{value}']");
            if (await radio.CountAsync() == 1)
            {
                await TabToAsync(page, $"input[type=radio][name='{prefix}.Value']");
                // The passing choice is the first of the group; Space chooses the radio that has focus.
                await page.Keyboard.PressAsync("Space");
                await Expect(radio).ToBeCheckedAsync();
            }
            else if (criterion.AnswerType is not Readiness.Core.Templates.AnswerType.Date)
            {
                await TabToAsync(page, $"[name='{prefix}.Value']");
                await page.Keyboard.TypeAsync(value);
            }
            else continue; // a date picker is typed differently in every browser; the other answers show the point
            await TabToAsync(page, $"[name='{prefix}.EvidenceLink']");
            await page.Keyboard.TypeAsync(ReturnDriver.Evidence);
            answered++;
        }
        await TabToAsync(page, "button[value=next]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("[data-testid=section-heading]")).ToContainTextAsync("Section 2 of");
        var saved = await _app.Factory.WithDbAsync(db => db.Answers.CountAsync(a => a.AssessmentId == id && a.Value != ""));
        Assert.Equal(answered, saved);
        Assert.True(answered > 0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_decision_is_refused_then_made_from_the_emailed_link_with_the_keyboard_alone()
    {
        await (await new People(_app).SubmitReturnAsync(Lead, "CONNECT-P1")).Context.CloseAsync();
        await _app.Driver.DispatchAsync();
        var page = await _app.NewPageAsync(new ViewportSize { Width = 375, Height = 812 });
        await page.GotoAsync(_app.EmailedLink(Bcm));

        // Confirming without a choice: the error summary takes the focus, and its link leads to the decision.
        await TabToAsync(page, "#confirm-decision");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(".govuk-error-summary a[href='#Form_Decision']")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#Form_Decision")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Space"); // the focused radio is the first choice: Approve
        await Expect(page.Locator("#Form_Decision")).ToBeCheckedAsync();
        await TabToAsync(page, "#Form_Comment");
        await page.Keyboard.TypeAsync("Checked on my phone.");
        await TabToAsync(page, "#confirm-decision");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("[data-testid=confirmation] h1")).ToHaveTextAsync("Decision recorded: Approve");
        await page.Context.CloseAsync();
    }
}
