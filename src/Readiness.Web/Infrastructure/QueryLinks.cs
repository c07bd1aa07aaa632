using System.Text;
using System.Text.Encodings.Web;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The links of a filtered, sorted, paged list: one path and its current query, each link that query with a few
/// values changed. The query's pairs are encoded once a page, not once a link: a tracker page writes some twenty links
/// (sort, page, export, remove-a-filter), and building a dictionary per link to hand to <c>QueryHelpers</c> was a
/// cost of every request. The result is what <c>QueryHelpers.AddQueryString</c> writes for the same pairs: the pairs
/// in order, a changed one in its place, a new one at the end, empty values left out, keys and values URL-encoded.
/// </summary>
public sealed class QueryLinks(string path, params (string Key, string? Value)[] query)
{
    private readonly (string Key, string? Encoded)[] _query = [.. query.Select(p => (p.Key, Encode(p.Value)))];

    /// <summary>The path with the query, <paramref name="changes"/> applied (a null or empty value removes a key).</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var link = new StringBuilder(path, path.Length + 160);
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var used = new bool[changes.Length];
        foreach (var (key, encoded) in _query)
        {
            var change = Array.FindIndex(changes, c => c.Key == key);
            if (change < 0) Append(link, ref separator, key, encoded);
            else
            {
                used[change] = true;
                Append(link, ref separator, key, Encode(changes[change].Value));
            }
        }
        for (var i = 0; i < changes.Length; i++)
            if (!used[i]) Append(link, ref separator, changes[i].Key, Encode(changes[i].Value));
        return link.ToString();
    }

    private static string? Encode(string? value) => string.IsNullOrEmpty(value) ? null : UrlEncoder.Default.Encode(value);

    private static void Append(StringBuilder link, ref char separator, string key, string? encoded)
    {
        if (encoded is null) return;
        link.Append(separator).Append(UrlEncoder.Default.Encode(key)).Append('=').Append(encoded);
        separator = '&';
    }
}
