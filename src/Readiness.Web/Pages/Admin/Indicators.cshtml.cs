using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Admin;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Core.Indicators;

namespace Readiness.Web.Pages.Admin;

public sealed class IndicatorForm
{
    public string? Code { get; set; }
    public string? AreaCode { get; set; }
    public string? Name { get; set; }
    public string? Unit { get; set; }
    public IndicatorDirection Direction { get; set; } = IndicatorDirection.LowerIsBetter;
    public decimal? Baseline { get; set; }
    public decimal? AmberThreshold { get; set; }
    public decimal? RedThreshold { get; set; }
    public int? WatchWeeks { get; set; } = 6;
    public int? CheckEveryDays { get; set; } = 7;
    public int? ConsecutiveAmberForRed { get; set; }
    public IndicatorSource Source { get; set; } = IndicatorSource.Manual;
    public string? SourceUrl { get; set; }

    public IndicatorInput ToInput() => new(Code, AreaCode, Name, Unit, Direction, Baseline, AmberThreshold, RedThreshold, WatchWeeks, CheckEveryDays,
        ConsecutiveAmberForRed, Source, SourceUrl);

    public static IndicatorForm Of(IndicatorAdminRow i) => new()
    {
        Code = i.Code, AreaCode = i.AreaCode, Name = i.Name, Unit = i.Unit, Direction = i.Direction, Baseline = i.Baseline, AmberThreshold = i.AmberThreshold,
        RedThreshold = i.RedThreshold, WatchWeeks = i.WatchWeeks, CheckEveryDays = i.CheckEveryDays,
        ConsecutiveAmberForRed = i.ConsecutiveAmberForRed == 0 ? null : i.ConsecutiveAmberForRed, Source = i.Source, SourceUrl = i.SourceUrl,
    };
}

/// <summary>A release's lead indicators: define one, or edit one's thresholds, watch window and source (?edit=id).</summary>
public class IndicatorsModel(AdminQueries queries, IndicatorAdmin admin, Actor actor) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int? Edit { get; set; }
    [BindProperty] public IndicatorForm Indicator { get; set; } = new();
    [BindProperty] public string? Stamp { get; set; }

    public ReleaseEditView Release { get; private set; } = null!;
    public IReadOnlyList<IndicatorAdminRow> Indicators { get; private set; } = [];
    public IReadOnlyList<ImpactEditRow> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        var outcome = Edit is { } id
            ? await admin.EditAsync(actor, id, Indicator.ToInput(), Stamp ?? "", Origin(), ct)
            : await admin.AddAsync(actor, Code, Indicator.ToInput(), Origin(), ct);
        return await AfterAsync(outcome, ct);
    }

    private async Task<IActionResult> AfterAsync(Result<string> outcome, CancellationToken ct)
    {
        if (Apply(outcome, "Indicator")) return Redirect($"/Admin/Releases/{Code}/Indicators");
        if (IsMissing(outcome) || !await LoadAsync(ct)) return NotFound();
        if (IsStale(outcome)) Fill();
        return Page();
    }

    private void Fill()
    {
        if (Edit is not { } id || Indicators.FirstOrDefault(i => i.Id == id) is not { } row) return;
        Indicator = IndicatorForm.Of(row);
        Stamp = row.Stamp;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var release = await queries.ReleaseAsync(Code, ct);
        if (release is null) return false;
        Release = release;
        Indicators = await admin.ListAsync(Code, ct);
        Areas = await queries.ImpactsAsync(Code, ct);
        return true;
    }

    public static string DirectionWords(IndicatorDirection d) => d == IndicatorDirection.LowerIsBetter ? "Lower is better" : "Higher is better";

    public static string SourceWords(IndicatorSource s) => s switch
    {
        IndicatorSource.Manual => "Entered on the indicator's page",
        IndicatorSource.Csv => "CSV file uploads",
        _ => "HTTP JSON source, polled by the indicator check",
    };
}
