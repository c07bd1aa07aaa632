using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Readiness.Core.Benefits;
using Readiness.Core.Common;
using Readiness.Core.Identity;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Benefits;

/// <summary>The portfolio's benefits: planned against realised, status by rule, cashable totals by programme and financial year; CSV and Excel.</summary>
public class IndexModel(BenefitQueries queries, Actor actor, ReadinessClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }

    public BenefitPortfolio Data { get; private set; } = null!;
    public bool CanAdd => BenefitAccess.CanAdd(actor);

    public async Task OnGetAsync(CancellationToken ct) => Data = await queries.PortfolioAsync(actor, Programme, ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        this.Download(BenefitExports.Csv(await queries.PortfolioAsync(actor, Programme, ct)), Downloads.Csv, FileName("csv"));

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken ct) =>
        this.Download(BenefitExports.Excel(await queries.PortfolioAsync(actor, Programme, ct)), Downloads.Excel, FileName("xlsx"));

    private string FileName(string ext) => $"benefits-{clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{ext}";

    public string ExportUrl(string handler) => $"/Benefits?handler={handler}" + (string.IsNullOrWhiteSpace(Programme) ? "" : $"&Programme={Uri.EscapeDataString(Programme)}");
}
