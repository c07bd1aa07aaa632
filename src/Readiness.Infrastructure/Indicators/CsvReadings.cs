using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Indicators;

namespace Readiness.Infrastructure.Indicators;

/// <summary>
/// Reads a readings CSV with CsvHelper. The header must be exactly <c>date,value</c> or <c>date,value,unit</c>;
/// dates are ISO (YYYY-MM-DD), numbers invariant (a dot for decimals, no thousands separators); a unit, when given,
/// must be the indicator's. Every problem is collected (nothing stops at the first), named by row and column; rows are
/// numbered as in a spreadsheet, the header being row 1. Duplicates with readings already held are checked by the use case.
/// </summary>
public static class CsvReadings
{
    /// <param name="noun">What a row is ("reading", or "measurement" for a benefit) and <paramref name="owner"/> whose unit it must be, for the messages.</param>
    public static (IReadOnlyList<ReadingRow> Rows, IReadOnlyList<ImportProblem> Problems) Parse(Stream stream, string unit, int maxRows, string noun = "reading", string owner = "indicator")
    {
        var rows = new List<ReadingRow>();
        var problems = new List<ImportProblem>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            FormatProvider = CultureInfo.InvariantCulture,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        try
        {
            using var reader = CsvReader.Create(stream, options, true);
            reader.ReadHeader();
            var headers = reader.Headers.ToList();
            if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            {
                problems.Add(new ImportProblem(0, "", "The file is empty. The first row must be the header date,value (optionally ,unit)."));
                return (rows, problems);
            }
            var withUnit = headers.SequenceEqual(["date", "value", "unit"], StringComparer.Ordinal);
            if (!withUnit && !headers.SequenceEqual(["date", "value"], StringComparer.Ordinal))
            {
                problems.Add(new ImportProblem(1, "", $"The header must be exactly date,value or date,value,unit (lower case, in that order); it is {string.Join(',', headers)}."));
                return (rows, problems);
            }
            var firstRowOf = new Dictionary<DateOnly, int>();
            var dataRows = 0;
            while (reader.Read())
            {
                var row = (int)reader.RowNumber + 1;
                if (++dataRows > maxRows)
                {
                    problems.Add(new ImportProblem(0, "", $"The file has more than {maxRows:N0} rows of {noun}s. Split it into smaller files."));
                    return (rows, problems);
                }
                if (reader.FieldCount != headers.Count)
                {
                    problems.Add(new ImportProblem(row, "", $"has {reader.FieldCount} values; every row needs {headers.Count} ({string.Join(',', headers)})."));
                    continue;
                }
                var dateText = reader.GetString(0) ?? "";
                var valueText = reader.GetString(1) ?? "";
                var ok = true;
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    problems.Add(new ImportProblem(row, "date", $"'{dateText}' is not a date written as YYYY-MM-DD."));
                    ok = false;
                }
                else if (!firstRowOf.TryAdd(date, row))
                {
                    problems.Add(new ImportProblem(row, "date", $"{date:yyyy-MM-dd} is also on row {firstRowOf[date]}: one {noun} per day."));
                    ok = false;
                }
                if (!decimal.TryParse(valueText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    problems.Add(new ImportProblem(row, "value", $"'{valueText}' is not a number (use digits and a dot, e.g. 41.2)."));
                    ok = false;
                }
                if (withUnit && reader.GetString(2) is { Length: > 0 } given && !string.Equals(given, unit, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new ImportProblem(row, "unit", $"'{given}' does not match the {owner}'s unit '{unit}'."));
                    ok = false;
                }
                if (ok) rows.Add(new ReadingRow(row, date, value));
            }
            if (dataRows == 0) problems.Add(new ImportProblem(0, "", $"The file has a header but no {noun}s."));
        }
        catch (CsvFormatException ex)
        {
            problems.Add(new ImportProblem(ex.RecordNumber > 0 ? (int)ex.RecordNumber + 1 : 0, "", $"the file is not valid CSV here ({ex.Message})."));
        }
        return (rows, problems);
    }
}

/// <summary>Upload use case: parse the file, then import all of it through <see cref="IndicatorCommands"/> or nothing.</summary>
public sealed class CsvReadingImport(Readiness.Core.Persistence.ReadinessDbContext db, IndicatorCommands commands, IndicatorSettings settings)
{
    public async Task<Readiness.Core.Common.Result<ImportOutcome>> ImportAsync(Readiness.Core.Identity.Actor actor, int indicatorId, Stream file,
        Readiness.Core.Audit.RequestOrigin origin, CancellationToken ct)
    {
        var unit = await db.LeadIndicators.Where(i => i.Id == indicatorId).Select(i => i.Unit).FirstOrDefaultAsync(ct);
        if (unit is null) return Readiness.Core.Common.Failures.NotFound("The indicator");
        var (rows, problems) = CsvReadings.Parse(file, unit, settings.MaxCsvRows);
        return await commands.ImportAsync(actor, indicatorId, rows, IndicatorSource.Csv, origin, problems, ct);
    }
}
