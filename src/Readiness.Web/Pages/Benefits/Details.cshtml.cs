using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Benefits;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Benefits;

/// <summary>One benefit: what it is, its status by rule, its profile against what was measured, and a measurement entered by hand.</summary>
public class DetailsModel(BenefitQueries queries, BenefitCommands commands, Actor actor, ReadinessClock clock) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the day of the measurement"), Display(Name = "Day")]
    public DateOnly? MeasuredOn { get; set; }

    [BindProperty, Required(ErrorMessage = "Enter the value, e.g. 17.5"), Display(Name = "Value")]
    public string? Value { get; set; }

    public BenefitView Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        MeasuredOn ??= clock.Today;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        decimal value = 0;
        if (Value is { Length: > 0 } text && !decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            ModelState.AddModelError(nameof(Value), $"'{text}' is not a number: use digits and a dot, e.g. 17.5");
        if (ModelState.IsValid)
        {
            var result = await commands.AddMeasurementAsync(actor, id, MeasuredOn!.Value, value, HttpContext.Origin(), ct);
            if (this.Refusal(result.Failure) is { } refused) return refused;
            if (result.Failure is { } failure) this.Show(failure);
            else if (result.Value!.Succeeded)
            {
                TempData["Flash"] = "Measurement saved.";
                return RedirectToPage(new { id });
            }
            else foreach (var p in result.Value.Problems) ModelState.AddModelError(p.Column == "value" ? nameof(Value) : nameof(MeasuredOn), p.Message);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
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
