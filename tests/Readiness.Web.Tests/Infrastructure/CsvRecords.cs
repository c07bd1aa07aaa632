using CsvHelper;

namespace Readiness.Web.Tests.Infrastructure;

public static class CsvRecords
{
    /// <summary>Reads a CSV file back with CsvHelper: one dictionary per record, keyed by the header.</summary>
    public static List<Dictionary<string, string>> Read(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, null);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read()) rows.Add(reader.Current.ToDictionary().ToDictionary(kv => kv.Key, kv => kv.Value ?? ""));
        return rows;
    }
}
