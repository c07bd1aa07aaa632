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

    private static object[] Cells(TrackerRow r) =>
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
        var sheet = workbook.Worksheets.Add("Gate tracker");
        for (var c = 0; c < Headers.Count; c++) sheet.Cell(1, c + 1).Value = Headers[c];
        sheet.Row(1).Style.Font.Bold = true;
        var row = 2;
        foreach (var r in rows)
        {
            var cells = Cells(r);
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = sheet.Cell(row, c + 1);
                switch (cells[c])
                {
                    case DateOnly d:
                        cell.Value = d.ToDateTime(TimeOnly.MinValue);
                        cell.Style.DateFormat.Format = "yyyy-mm-dd";
                        break;
                    case int i:
                        cell.Value = i;
                        break;
                    default:
                        cell.SetValue(Convert.ToString(cells[c], CultureInfo.InvariantCulture) ?? "");
                        break;
                }
            }
            row++;
        }
        sheet.SheetView.FreezeRows(1);
        for (var c = 1; c <= Headers.Count; c++) sheet.Column(c).Width = c is 3 or 5 or 14 ? 36 : 14;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
