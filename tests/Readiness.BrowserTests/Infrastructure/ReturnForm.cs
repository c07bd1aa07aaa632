using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Readiness.Web.Tests.Infrastructure;

namespace Readiness.BrowserTests.Infrastructure;

/// <summary>
/// Fills the return form in the browser as a team lead would: the best answer for each criterion (the radio button
/// that passes, or the number, date, link or text), an evidence link, then on to the next section.
/// </summary>
public sealed class ReturnForm(ServedApp app, IPage page)
{
    /// <summary>Answers every section of the return open on the page and ends on the check-and-submit page.</summary>
    public async Task AnswerEverySectionAsync(DateOnly goLive)
    {
        var criteria = await app.Factory.WithDbAsync(db => db.Criteria.AsNoTracking().ToDictionaryAsync(c => c.Id));
        // A click does not wait for the page it opens: wait for the form before reading it.
        await Assertions.Expect(page.Locator("nav.app-section-nav li.govuk-task-list__item").First).ToBeVisibleAsync();
        var sections = await page.Locator("nav.app-section-nav li.govuk-task-list__item").CountAsync();
        Assert.True(sections > 0, "The return form shows no sections.");
        for (var s = 1; s <= sections; s++)
        {
            await Assertions.Expect(page.Locator("[data-testid=section-heading]")).ToContainTextAsync($"Section {s} of {sections}");
            var form = page.Locator("form:has(input[name$='.CriterionId'])");
            foreach (var hidden in await form.Locator("input[name$='.CriterionId']").AllAsync())
            {
                var name = (await hidden.GetAttributeAsync("name"))!;
                var prefix = name[..name.LastIndexOf('.')];
                var criterion = criteria[int.Parse((await hidden.InputValueAsync())!, CultureInfo.InvariantCulture)];
                var value = ReturnDriver.PassingValue(criterion, goLive);
                var radio = form.Locator($"input[type=radio][name='{prefix}.Value'][value='{value}']");
                if (await radio.CountAsync() == 1) await radio.CheckAsync();
                else await form.Locator($"[name='{prefix}.Value']").FillAsync(value);
                await form.Locator($"[name='{prefix}.EvidenceLink']").FillAsync(ReturnDriver.Evidence);
            }
            var next = s < sections ? "Save and go to next section" : "Save and check answers";
            await form.GetByRole(AriaRole.Button, new() { Name = next }).ClickAsync();
            // The next section's heading (checked at the top of the loop) is what shows the save went through; a load
            // event is not: WaitForLoadState raced the form's POST-redirect-GET under CI load.
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers before you submit" })).ToBeVisibleAsync();
    }
}
