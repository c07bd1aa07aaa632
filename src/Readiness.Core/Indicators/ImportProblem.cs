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
