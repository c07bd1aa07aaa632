using System.Globalization;
using ClosedXML.Excel;
using Readiness.Web.Infrastructure;
using Readiness.Core.Portfolio;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>The heatmap as CSV (CsvHelper) and Excel (ClosedXML): one row per area, one column per week, values in person-hours.</summary>
public static class HeatmapExports
{
    /// <summary>Through the shared writer, so an area named like a formula stays text in a spreadsheet.</summary>
    public static byte[] Csv(HeatmapView view) =>
        CsvFile.Write(["Area code", "Area", "Parent code", .. view.Weeks.Select(w => w.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
            view.Rows.Select(row => (string[])[row.Code, row.Name, row.ParentCode ?? "", .. row.Cells.Select(c => c.Load.ToString("0.##", CultureInfo.InvariantCulture))]));

    public static byte[] Excel(HeatmapView view)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("Heatmap");
        sheet.Cell(1, 1).Value = "Area code";
        sheet.Cell(1, 2).Value = "Area";
        sheet.Cell(1, 3).Value = "Parent code";
        for (var i = 0; i < view.Weeks.Count; i++)
        {
            // Week headers are real dates (the Monday that starts the week), shown as yyyy-mm-dd.
            var header = sheet.Cell(1, 4 + i);
            header.Value = view.Weeks[i].ToDateTime(TimeOnly.MinValue);
            header.Style.DateFormat.Format = "yyyy-mm-dd";
        }
        for (var r = 0; r < view.Rows.Count; r++)
        {
            var row = view.Rows[r];
            sheet.Cell(2 + r, 1).Value = row.Code;
            sheet.Cell(2 + r, 2).Value = new string(' ', row.Depth * 2) + row.Name;
            sheet.Cell(2 + r, 3).Value = row.ParentCode ?? "";
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var c = row.Cells[i];
                var cell = sheet.Cell(2 + r, 4 + i);
                cell.Value = c.Load;
                // The page's scale, so the workbook reads as the same heatmap; the "Key" sheet says what each colour means.
                var step = HeatScale.For(c, view.AmberAt);
                cell.Style.Fill.BackgroundColor = XLColor.FromHtml(step.Fill);
                cell.Style.Font.FontColor = XLColor.FromHtml(step.Text);
            }
        }
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        AddKey(book, view.AmberAt);
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>A "Key" sheet with each colour of the scale and what it means (load as a share of the tolerance).</summary>
    private static void AddKey(XLWorkbook book, decimal amberAt)
    {
        var key = book.Worksheets.Add("Key");
        key.Cell(1, 1).Value = "Colour";
        key.Cell(1, 2).Value = "Load as a share of the area's weekly tolerance";
        key.Row(1).Style.Font.Bold = true;
        foreach (var step in HeatScale.Steps(amberAt))
        {
            var swatch = key.Cell(2 + step.Index, 1);
            swatch.Value = step.Index;
            swatch.Style.Fill.BackgroundColor = XLColor.FromHtml(step.Fill);
            swatch.Style.Font.FontColor = XLColor.FromHtml(step.Text);
            key.Cell(2 + step.Index, 2).Value = step.Words;
        }
        key.Column(2).Width = 48;
    }
}
