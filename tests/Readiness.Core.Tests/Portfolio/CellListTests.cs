using Readiness.Core.Portfolio;

namespace Readiness.Core.Tests.Portfolio;

public sealed class CellListTests
{
    [Fact]
    public void Pairs_come_back_in_the_order_written()
    {
        Assert.Equal([(739591, 12345L), (739598, 7L), (739605, -20000L)], CellList.Parse("739591:12345,739598:7,739605:-20000"));
    }

    [Fact]
    public void An_empty_list_is_no_cells()
    {
        Assert.Empty(CellList.Parse(""));
    }

    [Theory]
    [InlineData("739591")]
    [InlineData("739591:")]
    [InlineData("x:1")]
    [InlineData("739591:1,,739598:2")]
    public void Anything_but_day_and_units_names_the_pair(string text)
    {
        var error = Assert.Throws<FormatException>(() => CellList.Parse(text).ToList());
        Assert.Contains("day:units", error.Message, StringComparison.Ordinal);
    }
}
