using CsvHelper;

namespace Readiness.Web.Pages.Portfolio;

/// <summary>
/// Writes a header and rows as RFC 4180 CSV with CsvHelper: UTF-8 with a byte-order mark (so Excel reads accents),
/// and cells that a spreadsheet would run as formulas escaped (comments and summaries are people's text).
/// </summary>
public static class CsvFile
{
    private static readonly CsvWriterOptions Options = new() { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteRecord([.. header]);
            foreach (var row in rows) csv.WriteRecord(row);
        }
        return stream.ToArray();
    }
}
