using CsvHelper;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The one CSV writer of every export: RFC 4180 with CsvHelper, UTF-8 with a byte-order mark (so Excel reads accents),
/// and any cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) escaped — names, comments and summaries
/// are people's text.
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
