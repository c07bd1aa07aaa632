using System.Globalization;
using ClosedXML.Excel;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>The tracker as CSV (CsvHelper) and as an Excel workbook (ClosedXML): the same columns and words as the page.</summary>
public static class TrackerExport
{
    public const string CsvType = "text/csv";
    public const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<string> Headers =
    [
        "Programme", "Release", "Release name", "T0", "Gate", "Due", "Status", "Impacted areas", "Submitted", "Approved", "RAG", "DCA", "Overdue", "Dependencies",
    ];

    private static object?[] Cells(TrackerRow r) =>
    [
        r.ProgrammeName, r.ReleaseCode, r.ReleaseName, r.GoLive, $"{r.GateName} ({Gate.FormatOffset(r.OffsetDays)})", r.DueOn,
        PortfolioWords.Status(r.Status), r.ImpactedAreas, r.Submitted, r.Approved, r.Rag?.ToString() ?? "Not scored", PortfolioWords.Dca(r.Dca),
        r.Overdue ? "Yes" : "No", PortfolioWords.Dependencies(r),
    ];

    public static byte[] Csv(IEnumerable<TrackerRow> rows) => CsvFile.Write(Headers, rows.Select(r => Cells(r)
        .Select(c => c is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(c, CultureInfo.InvariantCulture) ?? "").ToArray()));

    public static byte[] Excel(IEnumerable<TrackerRow> rows)
    {
        using var workbook = new XLWorkbook();
        ExcelFile.Sheet(workbook.Worksheets.Add("Gate tracker"), Headers, rows.Select(r => Cells(r)), c => c is 3 or 5 or 14 ? 36 : 14);
        return ExcelFile.Save(workbook);
    }
}
