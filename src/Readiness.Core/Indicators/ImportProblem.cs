namespace Readiness.Core.Indicators;

/// <summary>One problem with an import: row 0 is the file as a whole; <see cref="Column"/> is empty when no column is at fault.</summary>
public sealed record ImportProblem(int Row, string Column, string Message)
{
    public override string ToString() => Row == 0
        ? (Column.Length == 0 ? Message : $"Column {Column}: {Message}")
        : (Column.Length == 0 ? $"Row {Row}: {Message}" : $"Row {Row}, column {Column}: {Message}");
}

/// <summary>All-or-nothing outcome: either every row was imported or none was and every problem is listed.</summary>
public sealed record ImportOutcome(int Imported, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// The checks every import of dated values shares (indicator readings, benefit measurements): something to import, not
/// too much, no day already held, nothing in the future. All problems are listed, numbered as the file's rows.
/// </summary>
public static class ImportChecks
{
    public static List<ImportProblem> Of(IReadOnlyList<ReadingRow> rows, IReadOnlyList<ImportProblem>? earlier, IReadOnlySet<DateOnly> held, DateOnly today, int maxRows, string noun, string owner)
    {
        var problems = new List<ImportProblem>(earlier ?? []);
        if (rows.Count == 0 && problems.Count == 0) problems.Add(new ImportProblem(0, "", $"There are no {noun}s to import."));
        if (rows.Count > maxRows) problems.Add(new ImportProblem(0, "", $"At most {maxRows:N0} {noun}s can be imported at once; this has {rows.Count:N0}."));
        foreach (var row in rows)
        {
            if (held.Contains(row.Date))
                problems.Add(new ImportProblem(row.Row, "date", $"{row.Date:yyyy-MM-dd} already has a {noun} for this {owner}."));
            if (row.Date > today)
                problems.Add(new ImportProblem(row.Row, "date", $"{row.Date:yyyy-MM-dd} is in the future."));
        }
        return problems.OrderBy(p => p.Row).ToList();
    }
}
