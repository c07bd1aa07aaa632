using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Assessments;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Templates;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Assessments;

/// <summary>The return form, one section at a time. Saving a draft never loses an answer: see <see cref="ReturnCommands.SaveDraftAsync"/>.</summary>
public class EditModel(ReturnQueries queries, ReturnCommands commands, Actor actor, ReadinessClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Section { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public bool Check { get; set; }

    [BindProperty]
    public List<AnswerInput> Answers { get; set; } = [];

    public ReturnView View { get; private set; } = null!;
    public TemplateSection CurrentSection { get; private set; } = null!;
    public IReadOnlyList<FieldState> Fields { get; private set; } = [];
    public IReadOnlyList<ErrorLink> Errors { get; private set; } = [];
    public ReadinessClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var loaded = await LoadAsync(id, ct);
        if (loaded is not null) return loaded;
        var errors = Check ? View.Card.Errors.Where(e => CurrentSection.Criteria.Any(c => c.Id == e.CriterionId)).ToList() : [];
        Fields = BuildFields(posted: [], errors.Select(e => new FieldProblem(e.CriterionId, e.CriterionCode, e.Field, e.Message)).ToList(), conflicts: []);
        Errors = errors.Select(e => new ErrorLink(e.Message, "#" + Display.FieldId(e.CriterionId, e.Field))).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? go, CancellationToken ct)
    {
        var saved = await commands.SaveDraftAsync(actor, id, Answers.Select(a => a.ToChange()).ToList(), ct);
        if (this.Refusal(saved.Failure) is { } refused) return refused;
        var loaded = await LoadAsync(id, ct);
        if (loaded is not null)
        {
            // No longer editable (submitted meanwhile): say so on the read-only return.
            if (saved.Failure is { } gone) TempData["Flash"] = gone.Message;
            return loaded;
        }
        if (saved.Failure is { } failure)
        {
            // A lost race that kept losing: nothing was saved, and the form keeps what the person typed.
            this.Show(failure);
            Fields = BuildFields(Answers, [], [], keepPosted: true);
            Errors = [new ErrorLink(failure.Message, "#main")];
            return Page();
        }
        var outcome = saved.Value!;
        if (outcome.Problems.Count == 0 && outcome.Conflicts.Count == 0)
        {
            TempData["Flash"] = $"Draft saved at {Display.LocalTime(clock, clock.UtcNow)}.";
            return go switch
            {
                "next" when Section < View.Template.Sections.Count => RedirectToPage(new { id, section = Section + 1 }),
                "check" => RedirectToPage("Submit", new { id }),
                _ => RedirectToPage(new { id, section = Section }),
            };
        }

        Fields = BuildFields(Answers, outcome.Problems, outcome.Conflicts);
        Errors = outcome.Problems.Select(p => new ErrorLink($"{p.CriterionCode}: {p.Message}", "#" + Display.FieldId(p.CriterionId, p.Field)))
            .Concat(outcome.Conflicts.Select(c => new ErrorLink(
                $"{c.CriterionCode} was changed by {c.TheirName} at {Display.LocalTime(clock, c.TheirTimeUtc)} after you opened this page. Their answer is kept; yours is shown beside it so you can re-enter it.",
                "#" + Display.FieldId(c.CriterionId, AnswerField.Value))))
            .ToList();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var result = await queries.GetAsync(actor, id, ct);
        if (!result.Succeeded) return NotFound();
        View = result.Value!;
        if (!View.CanEdit) return RedirectToPage("View", new { id });
        Section = Math.Clamp(Section, 1, View.Template.Sections.Count);
        CurrentSection = View.Template.Sections[Section - 1];
        return null;
    }

    /// <summary>
    /// Problem fields keep what the person typed (and their original base, so the next save retries them);
    /// conflicting fields show the saved answer with a fresh base; everything else shows what is saved.
    /// </summary>
    /// <param name="keepPosted">Nothing was saved (a lost race): every field shows what the person typed.</param>
    private List<FieldState> BuildFields(List<AnswerInput> posted, IReadOnlyList<FieldProblem> problems, IReadOnlyList<NamedConflict> conflicts, bool keepPosted = false)
    {
        var fields = new List<FieldState>();
        foreach (var outcome in View.OutcomesOf(CurrentSection))
        {
            var id = outcome.Criterion.Id;
            var saved = View.AnswerFor(id);
            var errors = problems.Where(p => p.CriterionId == id).GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Message);
            var conflict = conflicts.FirstOrDefault(c => c.CriterionId == id);
            var input = posted.FirstOrDefault(a => a.CriterionId == id);
            fields.Add((errors.Count > 0 || keepPosted) && input is not null && conflict is null && posted.Count > 0
                ? new FieldState(outcome, AnswerContent.From(input.Value, input.EvidenceLink, input.Comment), input.BaseRevision, input.BaseFingerprint, errors, null)
                : new FieldState(outcome, saved.Content, saved.Revision, saved.Fingerprint, errors, conflict));
        }
        return fields;
    }
}
