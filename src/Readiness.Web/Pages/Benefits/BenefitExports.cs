using System.Globalization;
using ClosedXML.Excel;
using Readiness.Core.Benefits;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Benefits;

/// <summary>The portfolio's benefits as CSV (the one shared writer) and as an Excel workbook (ClosedXML) with a second sheet of cashable totals by year.</summary>
public static class BenefitExports
{
    public static readonly IReadOnlyList<string> Headers =
    [
        "Programme", "Code", "Benefit", "Kind", "Measure", "Unit", "Baseline", "Target", "Planned now", "Latest measured", "Measured on", "Status", "Why", "Owner", "Releases", "Areas",
    ];

    private static object?[] Cells(BenefitView b) =>
    [
        b.ProgrammeName, b.Code, b.Name, BenefitWords.Kind(b.Kind), b.Measure, b.Unit, b.Baseline, b.Target, b.PlannedNow, b.Verdict.Latest?.Value, b.Verdict.Latest?.Date,
        BenefitStatusRule.Words(b.Verdict.Status), b.Verdict.Why, b.OwnerName, string.Join(", ", b.Releases.Select(r => r.Code)), string.Join(", ", b.Areas.Select(a => a.Name)),
    ];

    public static byte[] Csv(BenefitPortfolio p) => CsvFile.Write(Headers, p.Benefits.Select(b => Cells(b).Select(Text).ToArray()));

    public static byte[] Excel(BenefitPortfolio p)
    {
        using var workbook = new XLWorkbook();
        Spreadsheet.Sheet(workbook.Worksheets.Add("Benefits"), Headers, p.Benefits.Select(Cells));
        Spreadsheet.Sheet(workbook.Worksheets.Add("Cashable by year"), ["Programme", "Financial year", "Planned (£)", "Realised (£)"],
            p.Cashable.Select(c => new object?[] { c.ProgrammeName, c.Year, c.Planned, c.Realised }));
        return Spreadsheet.Save(workbook);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
