using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Audit;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Indicators;

/// <summary>One lead indicator: its chart and readings, a reading entered by hand, and its alerts with acknowledge / resolve.</summary>
public class IndexModel(IndicatorQueries queries, IndicatorCommands commands, Actor actor, ReadinessClock clock) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the day of the reading"), Display(Name = "Day")]
    public DateOnly? ReadingDate { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter the value, e.g. 41.2"), Display(Name = "Value")]
    public string? ReadingValue { get; set; }

    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public AlertResolution? Resolution { get; set; }

    public IndicatorPage Data { get; private set; } = null!;
    public IReadOnlyList<ErrorLink> Errors { get; private set; } = [];
    public int? FailedAlertId { get; private set; }
    public ReadinessClock Clock => clock;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        ReadingDate ??= clock.Today;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReadingAsync(int id, CancellationToken ct)
    {
        ModelState.Remove(nameof(Comment));
        decimal value = 0;
        if (ReadingValue is { Length: > 0 } text && !decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            ModelState.AddModelError(nameof(ReadingValue), $"'{text}' is not a number: use digits and a dot, e.g. 41.2");
        if (ModelState.IsValid)
        {
            var result = await commands.AddReadingAsync(actor, id, ReadingDate!.Value, value, HttpContext.Origin(), ct);
            if (Fail(result.Failure) is { } fail) return fail;
            if (result.Value!.Succeeded)
            {
                TempData["Flash"] = "Reading saved. The next check evaluates it against the thresholds.";
                return RedirectToPage(new { id });
            }
            foreach (var p in result.Value.Problems) ModelState.AddModelError(p.Column == "value" ? nameof(ReadingValue) : nameof(ReadingDate), p.Message);
        }
        return await ErrorPageAsync(id, null, ct);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(int id, int alertId, CancellationToken ct)
    {
        var result = await commands.AcknowledgeAsync(actor, alertId, Comment, HttpContext.Origin(), ct);
        if (Fail(result.Failure) is { } fail) return fail;
        if (result.Succeeded)
        {
            TempData["Flash"] = "Alert acknowledged.";
            return RedirectToPage(new { id });
        }
        ModelState.AddModelError($"Comment-{alertId}", result.Failure!.Message);
        return await ErrorPageAsync(id, alertId, ct);
    }

    public async Task<IActionResult> OnPostResolveAsync(int id, int alertId, CancellationToken ct)
    {
        if (Resolution is null) ModelState.AddModelError($"Resolution-{alertId}", "Choose how the alert was resolved");
        if (string.IsNullOrWhiteSpace(Comment)) ModelState.AddModelError($"Comment-{alertId}", "Say what was done or why the breach is accepted");
        if (Resolution is { } resolution && !string.IsNullOrWhiteSpace(Comment))
        {
            var result = await commands.ResolveAsync(actor, alertId, resolution, Comment, HttpContext.Origin(), ct);
            if (Fail(result.Failure) is { } fail) return fail;
            if (result.Succeeded)
            {
                TempData["Flash"] = "Alert resolved.";
                return RedirectToPage(new { id });
            }
            ModelState.AddModelError($"Comment-{alertId}", result.Failure!.Message);
        }
        return await ErrorPageAsync(id, alertId, ct);
    }

    private IActionResult? Fail(Failure? failure) => this.Refusal(failure);

    private async Task<IActionResult> ErrorPageAsync(int id, int? alertId, CancellationToken ct)
    {
        FailedAlertId = alertId;
        Errors = ErrorLink.From(ModelState);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var result = await queries.GetAsync(actor, id, ct);
        if (!result.Succeeded) return false;
        Data = result.Value!;
        return true;
    }

}
