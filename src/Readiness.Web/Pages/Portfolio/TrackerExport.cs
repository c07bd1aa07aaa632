using System.Globalization;
using Readiness.Core.Portfolio;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>The tracker as CSV (CsvHelper) and as an Excel workbook streamed as it is written (SpreadCheetah): the same columns and words as the page.</summary>
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

    private const double CellPadding = 0.710625;

    /// <summary>
    /// Writes the workbook straight to <paramref name="output"/> as the rows come (SpreadCheetah, forward-only): memory
    /// stays that of one row and the compressor's buffer, however many gates the portfolio has. Bold header row, frozen,
    /// dates as dates (yyyy-mm-dd), counts as numbers, wide columns for the long texts.
    /// </summary>
    public static async Task WriteExcelAsync(IEnumerable<TrackerRow> rows, Stream output, CancellationToken ct)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: ct);
        var options = new WorksheetOptions { FrozenRows = 1 };
        // The widths the ClosedXML version set (36 and 14 characters), stored as it stored them: plus Excel's cell padding.
        for (var c = 1; c <= Headers.Count; c++) options.Column(c).Width = (c is 3 or 5 or 14 ? 36 : 14) + CellPadding;
        await spreadsheet.StartWorksheetAsync("Gate tracker", options, ct);
        var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        var date = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });
        await spreadsheet.AddRowAsync(Headers.Select(h => new Cell(h, bold)).ToArray(), ct);
        var line = new Cell[Headers.Count]; // one buffer for every row
        foreach (var r in rows)
        {
            var cells = Cells(r);
            for (var c = 0; c < cells.Length; c++)
                line[c] = cells[c] switch
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
