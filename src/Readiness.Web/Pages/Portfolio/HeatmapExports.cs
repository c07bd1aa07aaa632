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
        var sheet = AreaWeekSheet(book, "Heatmap", view.Weeks, view.Rows.Select(r => (r.Code, r.Name, r.Depth, r.ParentCode)).ToList());
        for (var r = 0; r < view.Rows.Count; r++)
            for (var i = 0; i < view.Rows[r].Cells.Count; i++)
            {
                var c = view.Rows[r].Cells[i];
                var cell = sheet.Cell(2 + r, 4 + i);
                cell.Value = c.Load;
                // The page's scale, so the workbook reads as the same heatmap; the "Key" sheet says what each colour means.
                var step = HeatScale.For(c, view.AmberAt);
                cell.Style.Fill.BackgroundColor = XLColor.FromHtml(step.Fill);
                cell.Style.Font.FontColor = XLColor.FromHtml(step.Text);
            }
        AddKey(book, view.AmberAt);
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// A sheet of areas × weeks with its headers and one labelled row per area (code, indented name, parent code); the
    /// value of row r, week i goes in cell (2 + r, 4 + i).
    /// </summary>
    internal static IXLWorksheet AreaWeekSheet(XLWorkbook book, string name, IReadOnlyList<DateOnly> weeks, IReadOnlyList<(string Code, string Name, int Depth, string? ParentCode)> rows)
    {
        var sheet = book.Worksheets.Add(name);
        sheet.Cell(1, 1).Value = "Area code";
        sheet.Cell(1, 2).Value = "Area";
        sheet.Cell(1, 3).Value = "Parent code";
        for (var i = 0; i < weeks.Count; i++)
        {
            // Week headers are real dates (the Monday that starts the week), shown as yyyy-mm-dd.
            var header = sheet.Cell(1, 4 + i);
            header.Value = weeks[i].ToDateTime(TimeOnly.MinValue);
            header.Style.DateFormat.Format = "yyyy-mm-dd";
        }
        for (var r = 0; r < rows.Count; r++)
        {
            sheet.Cell(2 + r, 1).Value = rows[r].Code;
            sheet.Cell(2 + r, 2).Value = new string(' ', rows[r].Depth * 2) + rows[r].Name;
            sheet.Cell(2 + r, 3).Value = rows[r].ParentCode ?? "";
        }
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        return sheet;
    }

    /// <summary>A "Key" sheet with each colour of the scale and what it means (load as a share of the tolerance, or need of the capacity).</summary>
    internal static void AddKey(XLWorkbook book, decimal amberAt, string title = "Load as a share of the area's weekly tolerance", string measure = "tolerance")
    {
        var key = book.Worksheets.Add("Key");
        key.Cell(1, 1).Value = "Colour";
        key.Cell(1, 2).Value = title;
        key.Row(1).Style.Font.Bold = true;
        foreach (var step in HeatScale.Steps(amberAt, measure))
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
