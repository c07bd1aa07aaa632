using System.Globalization;
using System.Text.Json;
using Readiness.Core.Indicators;

namespace Readiness.Infrastructure.Indicators;

/// <summary>
/// Reads an HTTP indicator source's JSON. Accepted shapes: a top-level array <c>[{"date":"2026-03-01","value":41.2}, …]</c>
/// or an object <c>{"readings":[…]}</c>. Each item needs "date" (a string, YYYY-MM-DD) and "value" (a JSON number);
/// an optional "unit" must equal the indicator's unit; other properties are ignored. Any bad item, or a day given twice,
/// refuses the whole payload (nothing is imported) with a message naming the item.
/// </summary>
public static class ReadingJson
{
    public static FeedResult Parse(string json, string unit, int maxItems)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return FeedResult.Fail($"The response is not JSON ({ex.Message.Split(" Path:")[0]}).");
        }
        using (doc)
        {
            var root = doc.RootElement;
            var items = root.ValueKind switch
            {
                JsonValueKind.Array => root,
                JsonValueKind.Object when root.TryGetProperty("readings", out var r) && r.ValueKind == JsonValueKind.Array => r,
                _ => (JsonElement?)null,
            };
            if (items is not { } list)
                return FeedResult.Fail("Expected a JSON array of readings or an object with a \"readings\" array.");
            if (list.GetArrayLength() > maxItems) return FeedResult.Fail($"The response holds {list.GetArrayLength()} readings; at most {maxItems} are accepted.");

            var readings = new List<ReadingRow>();
            var seen = new Dictionary<DateOnly, int>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"$[{index}]";
                if (item.ValueKind != JsonValueKind.Object) return FeedResult.Fail($"{at}: each reading must be an object with \"date\" and \"value\".");
                if (!item.TryGetProperty("date", out var d) || d.ValueKind != JsonValueKind.String
                    || !DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    return FeedResult.Fail($"{at}.date: a date written as \"YYYY-MM-DD\" is required.");
                if (!item.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var value))
                    return FeedResult.Fail($"{at}.value: a number is required.");
                if (item.TryGetProperty("unit", out var u) && (u.ValueKind != JsonValueKind.String || !string.Equals(u.GetString(), unit, StringComparison.OrdinalIgnoreCase)))
                    return FeedResult.Fail($"{at}.unit: '{u}' does not match the indicator's unit '{unit}'.");
                if (!seen.TryAdd(date, index)) return FeedResult.Fail($"{at}.date: {date:yyyy-MM-dd} is also given at $[{seen[date]}].");
                readings.Add(new ReadingRow(index + 1, date, value));
                index++;
            }
            return new FeedResult(readings, null);
        }
    }
}
