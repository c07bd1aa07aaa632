using System.Globalization;
using ClosedXML.Excel;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The exports' rows of cells written the same way everywhere: dates as yyyy-mm-dd, numbers as numbers, and everything
/// else as text (a name starting with "=" stays text, never a formula) — as CSV cells for <see cref="CsvFile"/>, or as
/// an Excel sheet (ClosedXML) with a bold, frozen header row. Column widths are fixed: measuring text needs a font
/// engine the servers may not have. (The tracker's export, which can be large, streams instead: <see cref="StreamedExcel"/>.)
/// </summary>
public static class Spreadsheet
{
    public static string[] CsvCells(object?[] cells) => cells
        .Select(c => c is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(c, CultureInfo.InvariantCulture) ?? "").ToArray();

    /// <summary>A workbook of one sheet.</summary>
    /// <param name="width">The width of each column, by its number from 1.</param>
    public static byte[] Excel(string sheetName, IReadOnlyList<string> headers, IEnumerable<object?[]> rows, Func<int, double> width)
    {
        using var workbook = new XLWorkbook();
        Sheet(workbook.Worksheets.Add(sheetName), headers, rows, width);
        return Save(workbook);
    }

    /// <summary>One sheet of a workbook that has several.</summary>
    public static void Sheet(IXLWorksheet sheet, IReadOnlyList<string> headers, IEnumerable<object?[]> rows, Func<int, double>? width = null)
    {
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
                    case decimal m:
                        cell.Value = m;
                        break;
                    default:
                        cell.SetValue(Convert.ToString(cells[c], CultureInfo.InvariantCulture) ?? "");
                        break;
                }
            }
            row++;
        }
        sheet.SheetView.FreezeRows(1);
        for (var c = 1; c <= headers.Count; c++) sheet.Column(c).Width = width?.Invoke(c) ?? 24;
    }

    public static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
