using CsvHelper;
using Readiness.Core.Indicators;
using Readiness.Core.People;

namespace Readiness.Infrastructure.People;

/// <summary>
/// Reads a people file with CsvHelper: the header <c>email,name,role,area,action</c> (<c>action</c> may be left out;
/// any letter case), one row per person, role or area. Only the file's shape is judged here — the header, each row's
/// field count, the number of rows, CSV that does not parse — every problem collected, by row; what the values mean is
/// judged by <see cref="PeopleImportPlanner"/>. Rows are numbered as in a spreadsheet: the header is row 1.
/// </summary>
public sealed class CsvPeople : IPeopleFileParser
{
    private static readonly IReadOnlyList<string> Header = PeopleImport.Columns;

    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ',',
        HasHeader = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        MalformedData = CsvMalformedDataHandling.Throw,
        TrimWhitespace = true,
        TrackLineNumbers = true,
        // A hostile file (an unclosed quote at the start) is refused, not buffered whole: a real row is a few hundred bytes.
        MaxRecordSize = 64 * 1024,
    };

    public (IReadOnlyList<PersonImportRow> Rows, IReadOnlyList<ImportProblem> Problems) Parse(string text, int maxRows)
    {
        var rows = new List<PersonImportRow>();
        var problems = new List<ImportProblem>();
        try
        {
            using var reader = CsvReader.FromText(text, Options);
            reader.ReadHeader();
            var headers = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            {
                problems.Add(new ImportProblem(0, "", $"The file is empty. The first row must be the header {string.Join(',', Header)}."));
                return (rows, problems);
            }
            if (!headers.SequenceEqual(Header) && !headers.SequenceEqual(Header.Take(4)))
            {
                problems.Add(new ImportProblem(1, "", $"The header must be {string.Join(',', Header)} (in that order; action may be left out); it is {Cut(string.Join(',', reader.Headers))}. Download the template to start from."));
                return (rows, problems);
            }
            var count = 0;
            while (reader.Read())
            {
                var row = (int)reader.LineNumber;
                if (++count > maxRows)
                {
                    problems.Add(new ImportProblem(0, "", $"The file has more than {maxRows:N0} rows. Split it into smaller files and import them one after another."));
                    return (rows, problems);
                }
                if (reader.FieldCount != headers.Count)
                {
                    problems.Add(new ImportProblem(row, "", $"has {reader.FieldCount} values; every row needs {headers.Count} ({string.Join(',', headers)}), empty ones included."));
                    continue;
                }
                rows.Add(new PersonImportRow(row, Field(reader, 0), Field(reader, 1), Field(reader, 2), Field(reader, 3), headers.Count > 4 ? Field(reader, 4) : ""));
            }
        }
        catch (CsvFormatException ex)
        {
            problems.Add(new ImportProblem(ex.RecordNumber > 0 ? (int)ex.RecordNumber + 1 : 0, "", $"the file is not valid CSV here ({Cut(ex.Message)}). Save it from the spreadsheet as CSV and try again."));
        }
        return (rows, problems);
    }

    private static string Field(CsvReader reader, int index) => reader.GetString(index) ?? "";

    private static string Cut(string text) => text.Length <= 120 ? text : text[..117] + "…";
}
