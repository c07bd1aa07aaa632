using System.Globalization;
using ClosedXML.Excel;
using Readiness.Core.Portfolio;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>
/// The training view as CSV (one row per area and week: need, capacity available and the status in words) and Excel
/// (the need on the page's colours, the capacity available beside it, and the key).
/// </summary>
public static class TrainingExports
{
    private static string Number(decimal? d) => d?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    public static byte[] Csv(TrainingView view) =>
        CsvFile.Write(["Area code", "Area", "Parent code", "Week commencing", "Need (person-hours)", "Available (person-hours)", "Status"],
            view.Rows.SelectMany(row => row.Cells.Select(c => (string[])[row.Code, row.Name, row.ParentCode ?? "",
                c.Week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number(c.Need), Number(c.Available), TrainingLook.Status(c)])));

    public static byte[] Excel(TrainingView view)
    {
        using var book = new XLWorkbook();
        Sheet(book, "Need", view, (cell, c) =>
        {
            cell.Value = c.Need;
            // The page's scale, so the workbook reads as the same picture; cells with no capacity to compare stay white.
            if (TrainingLook.Step(c, view.AmberAt) is { } step)
            {
                cell.Style.Fill.BackgroundColor = XLColor.FromHtml(step.Fill);
                cell.Style.Font.FontColor = XLColor.FromHtml(step.Text);
            }
        });
        Sheet(book, "Available", view, (cell, c) => { if (c.Available is { } a) cell.Value = a; });
        Sheet(book, "Status", view, (cell, c) => cell.Value = TrainingLook.Status(c));
        HeatmapExports.AddKey(book, view.AmberAt, "Training need as a share of the capacity available (blank: no capacity recorded)", TrainingLook.Measure);
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Sheet(XLWorkbook book, string name, TrainingView view, Action<IXLCell, TrainingCell> write)
    {
        var sheet = HeatmapExports.AreaWeekSheet(book, name, view.Weeks, view.Rows.Select(r => (r.Code, r.Name, r.Depth, r.ParentCode)).ToList());
        for (var r = 0; r < view.Rows.Count; r++)
            for (var i = 0; i < view.Rows[r].Cells.Count; i++) write(sheet.Cell(2 + r, 4 + i), view.Rows[r].Cells[i]);
    }
}
