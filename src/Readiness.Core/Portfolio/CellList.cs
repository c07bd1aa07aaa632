namespace Readiness.Core.Portfolio;

/// <summary>
/// One area's load cells as the database joins them into one text: "day:units" pairs (the week's day number and the
/// load in the table's units, both whole numbers) separated by commas, in any order. Written by SQL
/// (<see cref="AreaWeekLoads.OwnAsync"/>), so anything else in it is a fault of ours, not bad input.
/// </summary>
public static class CellList
{
    public const string Separator = ",";
    public const string Pair = ":";

    public static IEnumerable<(int Day, long Units)> Parse(string text)
    {
        var pairs = new List<(int, long)>();
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf(Separator[0]);
            var pair = end < 0 ? rest : rest[..end];
            var colon = pair.IndexOf(Pair[0]);
            if (colon < 0 || !int.TryParse(pair[..colon], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day)
                || !long.TryParse(pair[(colon + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var units))
                throw new FormatException($"A load cell list holds '{pair.ToString()}', not day:units.");
            pairs.Add((day, units));
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return pairs;
    }
}
