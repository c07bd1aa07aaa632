using System.Globalization;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;
using SheetWriter = SpreadCheetah.Spreadsheet;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// An export's rows written as an Excel sheet straight to a stream as they come (SpreadCheetah, forward-only), so memory
/// stays that of one row and the compressor's buffer however many rows there are: a bold, frozen header row, dates as
/// dates (yyyy-mm-dd), whole numbers as numbers, everything else as text (never a formula).
/// </summary>
public static class StreamedExcel
{
    // ClosedXML, which wrote these sheets before, stored a width of 36 as 36.71: Excel's cell padding. The same stored
    // width keeps the same look.
    private const double CellPadding = 0.710625;

    /// <param name="width">The width of each column in characters, by its number from 1.</param>
    public static async Task WriteAsync(Stream output, string sheetName, IReadOnlyList<string> headers, IEnumerable<object[]> rows,
        Func<int, double> width, CancellationToken ct)
    {
        await using var spreadsheet = await SheetWriter.CreateNewAsync(output, cancellationToken: ct);
        var options = new WorksheetOptions { FrozenRows = 1 };
        for (var c = 1; c <= headers.Count; c++) options.Column(c).Width = width(c) + CellPadding;
        await spreadsheet.StartWorksheetAsync(sheetName, options, ct);
        var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        var date = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });
        await spreadsheet.AddRowAsync(headers.Select(h => new Cell(h, bold)).ToArray(), ct);
        var line = new Cell[headers.Count]; // one buffer for every row
        foreach (var cells in rows)
        {
            for (var c = 0; c < line.Length; c++)
                line[c] = (c < cells.Length ? cells[c] : null) switch
                {
                    DateOnly d => new Cell(d.ToDateTime(TimeOnly.MinValue), date),
                    int i => new Cell(i),
                    var other => new Cell(Convert.ToString(other, CultureInfo.InvariantCulture) ?? ""),
                };
            await spreadsheet.AddRowAsync(line, ct);
        }
        await spreadsheet.FinishAsync(ct);
    }
}
