using System.Globalization;
using ClosedXML.Excel;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The one way an export's sheet is written with ClosedXML: a bold, frozen header row, then a row per record with dates as
/// dates, numbers as numbers and everything else as text. Column widths are fixed: measuring text needs a font engine
/// the servers may not have.
/// </summary>
public static class ExcelFile
{
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
