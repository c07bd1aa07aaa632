using Microsoft.AspNetCore.WebUtilities;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Tests;

/// <summary>
/// A list's links (<see cref="QueryLinks"/>) are what <c>QueryHelpers.AddQueryString</c> writes for the same pairs, the
/// way the pages built them before: pairs in order, a changed value in its place, a new key at the end, empty values
/// left out, keys and values encoded.
/// </summary>
public sealed class QueryLinksTests
{
    private static readonly (string Key, string? Value)[] Current =
        [("Programme", "C&C / Met"), ("Area", null), ("Status", ""), ("From", "2026-03-02"), ("Sort", "due"), ("Dir", "desc"), ("Rag", "Amber?"), ("Open", "true")];

    public static TheoryData<string, (string Key, string? Value)[]> Changes => new()
    {
        { "/Portfolio/Tracker", [] },
        { "/Portfolio/Tracker", [("p", "3")] },
        { "/Portfolio/Tracker", [("Sort", "rag"), ("Dir", null)] },
        { "/Portfolio/Tracker", [("Dir", "desc"), ("Sort", "release")] },
        { "/Portfolio/Tracker", [("Programme", null)] },
        { "/Portfolio/Tracker", [("Area", "Custody é")] },
        { "/Portfolio/Tracker", [("handler", "Csv")] },
        { "/Portfolio/Tracker?x=1", [("p", "2")] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_link_is_the_query_with_its_changes_as_QueryHelpers_writes_it(string path, (string Key, string? Value)[] changes)
    {
        var expected = new Dictionary<string, string?>();
        foreach (var (key, value) in Current) expected[key] = value;
        foreach (var (key, value) in changes) expected[key] = value;

        var link = new QueryLinks(path, Current).With(changes);

        Assert.Equal(QueryHelpers.AddQueryString(path, expected.Where(kv => !string.IsNullOrEmpty(kv.Value))), link);
    }

    [Fact]
    public void A_list_with_nothing_chosen_links_to_its_path()
    {
        Assert.Equal("/Releases", new QueryLinks("/Releases", ("Programme", null), ("Sort", "")).With());
        Assert.Equal("/Releases?p=2", new QueryLinks("/Releases", ("Programme", null)).With(("p", "2")));
    }
}
