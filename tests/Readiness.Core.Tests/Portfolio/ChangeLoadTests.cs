using Readiness.Core.Portfolio;

namespace Readiness.Core.Tests.Portfolio;

public sealed class ChangeLoadTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly DateOnly GoLive = new(2026, 4, 8); // a Wednesday; its week starts Monday 6 April

    private static LoadInput Impact(int release = 1, int area = 10, DateOnly? goLive = null, int headcount = 100, ImpactLevel level = ImpactLevel.High,
        decimal training = 8m, int hypercare = 2) => new(release, area, goLive ?? GoLive, headcount, level, training, hypercare);

    [Theory]
    [InlineData(ImpactLevel.Low, 1)]
    [InlineData(ImpactLevel.Medium, 2)]
    [InlineData(ImpactLevel.High, 3)]
    public void Go_live_week_load_is_headcount_times_level_weight(ImpactLevel level, int weight)
    {
        Assert.Equal(100m * weight, ChangeLoad.In(Impact(level: level), new DateOnly(2026, 4, 6)));
    }

    [Fact]
    public void Training_is_spread_evenly_over_the_four_weeks_before_the_go_live_week()
    {
        var training = ChangeLoad.For(Impact(training: 8m)).Where(c => c.Part == LoadPart.Training).ToList();
        Assert.Equal([new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 23), new DateOnly(2026, 3, 30)], training.Select(c => c.Week));
        Assert.All(training, c => Assert.Equal(200m, c.Hours)); // 100 people × 8 h / 4 weeks
        Assert.Equal(0m, ChangeLoad.In(Impact(), new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void No_training_hours_means_no_training_load()
    {
        Assert.DoesNotContain(ChangeLoad.For(Impact(training: 0)), c => c.Part == LoadPart.Training);
    }

    [Fact]
    public void Hypercare_weeks_follow_the_go_live_week_at_half_the_level_weight()
    {
        var hypercare = ChangeLoad.For(Impact(hypercare: 3, level: ImpactLevel.Medium)).Where(c => c.Part == LoadPart.Hypercare).ToList();
        Assert.Equal([new DateOnly(2026, 4, 13), new DateOnly(2026, 4, 20), new DateOnly(2026, 4, 27)], hypercare.Select(c => c.Week));
        Assert.All(hypercare, c => Assert.Equal(100m, c.Hours)); // 100 × 0.5 × 2
        Assert.Equal(0m, ChangeLoad.In(Impact(hypercare: 3), new DateOnly(2026, 5, 4)));
    }

    [Fact]
    public void Overlapping_releases_on_one_area_add_up()
    {
        var weeks = ChangeLoad.Weeks(new DateOnly(2026, 4, 6), 2);
        var parents = new Dictionary<int, int?> { [10] = null };
        // Release 2 goes live a week later: its last training week is release 1's go-live week.
        var grid = ChangeLoad.Grid(parents, [Impact(release: 1), Impact(release: 2, goLive: GoLive.AddDays(7), headcount: 50, training: 4m)], weeks);
        Assert.Equal(300m + 50m, grid[10][0]);          // go-live 100×3 + training 50×4/4
        Assert.Equal(150m + 150m, grid[10][1]);         // hypercare 100×0.5×3 + go-live 50×3
    }

    [Fact]
    public void A_parent_row_sums_its_descendants_and_its_own_impacts()
    {
        var parents = new Dictionary<int, int?> { [1] = null, [2] = 1, [3] = 2, [4] = 1, [5] = null };
        var week = new DateOnly(2026, 4, 6);
        var grid = ChangeLoad.Grid(parents, [Impact(area: 3, headcount: 10), Impact(area: 4, headcount: 20), Impact(area: 1, headcount: 5)], [week]);
        Assert.Equal(30m, grid[3][0]);
        Assert.Equal(30m, grid[2][0]);
        Assert.Equal(60m, grid[4][0]);
        Assert.Equal(30m + 60m + 15m, grid[1][0]);
        Assert.Equal(0m, grid[5][0]);
    }

    [Fact]
    public void A_parents_tolerance_is_its_own_plus_its_descendants()
    {
        var parents = new Dictionary<int, int?> { [1] = null, [2] = 1, [3] = 1 };
        var t = ChangeLoad.Tolerances(parents, id => id == 3 ? 500m : 100m);
        Assert.Equal(700m, t[1]);
        Assert.Equal(100m, t[2]);
    }

    [Theory]
    [InlineData(2026, 3, 29)] // Sunday the clocks go forward (BST starts)
    [InlineData(2026, 3, 23)]
    [InlineData(2026, 3, 25)]
    public void Weeks_start_on_Monday_including_the_week_the_clocks_change(int y, int m, int d)
    {
        Assert.Equal(new DateOnly(2026, 3, 23), ChangeLoad.WeekStart(new DateOnly(y, m, d)));
    }

    [Fact]
    public void Week_boundaries_are_London_midnight_so_late_Sunday_UTC_in_summer_is_already_next_week()
    {
        // 23:30 UTC on Sunday 5 April 2026 is 00:30 BST on Monday 6 April in London.
        Assert.Equal(new DateOnly(2026, 4, 6), ChangeLoad.WeekOf(new DateTime(2026, 4, 5, 23, 30, 0, DateTimeKind.Utc), London));
        // In winter London is on UTC: 23:30 UTC on Sunday 1 March is still that Sunday.
        Assert.Equal(new DateOnly(2026, 2, 23), ChangeLoad.WeekOf(new DateTime(2026, 3, 1, 23, 30, 0, DateTimeKind.Utc), London));
        // The week after the change starts at 23:00 UTC on the Sunday; the change week itself at midnight UTC.
        Assert.Equal(new DateTime(2026, 3, 29, 23, 0, 0, DateTimeKind.Utc), ChangeLoad.WeekStartUtc(new DateOnly(2026, 3, 30), London));
        Assert.Equal(new DateTime(2026, 3, 23, 0, 0, 0, DateTimeKind.Utc), ChangeLoad.WeekStartUtc(new DateOnly(2026, 3, 23), London));
    }

    [Fact]
    public void Go_live_on_the_Sunday_of_the_clock_change_loads_that_Monday_start_week()
    {
        var load = ChangeLoad.For(Impact(goLive: new DateOnly(2026, 3, 29), hypercare: 1)).Single(c => c.Part == LoadPart.GoLive);
        Assert.Equal(new DateOnly(2026, 3, 23), load.Week);
    }

    [Theory]
    [InlineData(0, HeatBand.None)]
    [InlineData(79, HeatBand.Within)]
    [InlineData(80, HeatBand.Near)]
    [InlineData(100, HeatBand.Near)]
    [InlineData(101, HeatBand.Over)]
    public void Bands_follow_the_tolerance_and_amber_fraction(int load, HeatBand band)
    {
        Assert.Equal(band, ChangeLoad.Band(load, 100m, 0.8m));
    }
}
