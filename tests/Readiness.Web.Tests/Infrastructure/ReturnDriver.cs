using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Assessments;
using Readiness.Core.Templates;

namespace Readiness.Web.Tests.Infrastructure;

/// <summary>Drives the return form through its real pages, answering each criterion as a team lead would.</summary>
public sealed class ReturnDriver(IAppDatabase factory, Browser browser)
{
    public const string Evidence = "https://intranet.example/evidence/1";

    public Task<int> ReturnIdAsync(string releaseCode, string areaCode) => factory.WithDbAsync(db =>
        (from a in db.Assessments
         join r in db.Releases on a.ReleaseId equals r.Id
         join area in db.BusinessAreas on a.BusinessAreaId equals area.Id
         where r.Code == releaseCode && area.Code == areaCode
         select a.Id).SingleAsync());

    public Task<Assessment> LoadAsync(int id) => factory.WithDbAsync(db => db.Assessments.AsNoTracking().Include(a => a.Answers).SingleAsync(a => a.Id == id));

    public async Task<int> SectionCountAsync(int id)
    {
        var page = await browser.GetAsync($"/Assessments/Edit/{id}");
        return page.QuerySelectorAll("nav.app-section-nav li.govuk-task-list__item").Length;
    }

    public static IHtmlFormElement AnswerForm(IDocument page) =>
        page.Forms.Single(f => f.QuerySelector("input[name$='.CriterionId']") is not null);

    /// <summary>Answers every applicable criterion of one section with <paramref name="answer"/> and saves the draft.</summary>
    public async Task<HttpResponseMessage> AnswerSectionAsync(int id, int section, Func<Criterion, (string Value, string Evidence, string Comment)> answer)
    {
        var page = await browser.GetAsync($"/Assessments/Edit/{id}?section={section}");
        var form = AnswerForm(page);
        var criteria = await factory.WithDbAsync(db => db.Criteria.AsNoTracking().ToDictionaryAsync(c => c.Id));
        var values = new Dictionary<string, string>();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[name$='.CriterionId']"))
        {
            var prefix = hidden.Name![..hidden.Name!.LastIndexOf('.')];
            var (value, evidence, comment) = answer(criteria[int.Parse(hidden.Value, CultureInfo.InvariantCulture)]);
            values[$"{prefix}.Value"] = value;
            values[$"{prefix}.EvidenceLink"] = evidence;
            values[$"{prefix}.Comment"] = comment;
        }
        return await browser.SubmitAsync(form, values, "go", "stay");
    }

    public async Task AnswerAllPassingAsync(int id, DateOnly goLive)
    {
        var sections = await SectionCountAsync(id);
        for (var s = 1; s <= sections; s++)
        {
            var response = await AnswerSectionAsync(id, s, c => (PassingValue(c, goLive), Evidence, ""));
            if (response.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"Section {s} did not save: {(int)response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The best answer each type allows, so a fully answered return scores 100 and is Green.</summary>
    public static string PassingValue(Criterion c, DateOnly goLive) => c.AnswerType switch
    {
        AnswerType.YesNo or AnswerType.YesNoPartial or AnswerType.Rag => AnswerRules.ChoicesFor(c.AnswerType)[0],
        AnswerType.Percentage => "100",
        AnswerType.Number => (c.RangeMax ?? decimal.Parse(c.MinimumPass ?? "1", CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture),
        AnswerType.Date => goLive.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        AnswerType.EvidenceLink => Evidence,
        _ => "Plan agreed with the BCM.",
    };

    public async Task<HttpResponseMessage> SubmitAsync(int id)
    {
        var page = await browser.GetAsync($"/Assessments/Submit/{id}");
        var form = page.Forms.Single(f => f.QuerySelector("input[name='CheckedVersion']") is not null);
        return await browser.SubmitAsync(form, []);
    }
}
