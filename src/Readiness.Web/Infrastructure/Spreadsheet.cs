using System.Globalization;
using ClosedXML.Excel;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The exports' rows of cells written the same way everywhere: dates as yyyy-mm-dd, whole numbers as numbers, and
/// everything else as text (a name starting with "=" stays text, never a formula) — as CSV cells for
/// <see cref="CsvFile"/>, or as an Excel sheet (ClosedXML) with a bold, frozen header row.
/// </summary>
public static class Spreadsheet
{
    public static string[] CsvCells(object[] cells) => cells
        .Select(c => c is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(c, CultureInfo.InvariantCulture) ?? "").ToArray();

    /// <param name="width">The width of each column, by its number from 1.</param>
    public static byte[] Excel(string sheetName, IReadOnlyList<string> headers, IEnumerable<object[]> rows, Func<int, double> width)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(sheetName);
        for (var c = 0; c < headers.Count; c++) sheet.Cell(1, c + 1).Value = headers[c];
        sheet.Row(1).Style.Font.Bold = true;
        var row = 2;
        foreach (var cells in rows)
        {
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
        for (var c = 1; c <= headers.Count; c++) sheet.Column(c).Width = width(c);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
