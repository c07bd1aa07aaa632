using Readiness.Core.Portfolio;

namespace Readiness.Core.Tests.Portfolio;

/// <summary>Training need against training capacity (<see cref="TrainingLoad"/>), on a small tree: directorate 1 over units 10 and 11.</summary>
public sealed class TrainingLoadTests
{
    private static readonly DateOnly GoLive = new(2026, 4, 8);          // a Wednesday; go-live week 6 April, training 9–30 March
    private static readonly DateOnly Week1 = new(2026, 3, 9);
    private static readonly DateOnly Week4 = new(2026, 3, 30);
    private static readonly Dictionary<int, int?> Tree = new() { [1] = null, [10] = 1, [11] = 1 };

    private static LoadInput Impact(int area = 10, int release = 1, DateOnly? goLive = null, int headcount = 100, decimal training = 8m) =>
        new(release, area, goLive ?? GoLive, headcount, ImpactLevel.High, training, 2);

    private static CapacityEntry Capacity(int area, decimal hours, decimal share = 0, DateOnly? from = null) => new(area, from ?? new DateOnly(2026, 1, 5), hours, share);

    private static TrainingCell Cell(IEnumerable<LoadInput> impacts, IEnumerable<CapacityEntry> capacities, int area, DateOnly week) =>
        TrainingLoad.Grid(Tree, impacts, capacities, [week], 0.8m)[area][0];

    [Fact]
    public void Need_is_the_heatmaps_training_part_only()
    {
        var need = TrainingLoad.Need(Impact()).ToList();
        Assert.Equal(ChangeLoad.For(Impact()).Where(c => c.Part == LoadPart.Training), need);
        Assert.Equal(4, need.Count);
        Assert.All(need, c => Assert.Equal(200m, c.Hours)); // 100 people × 8 h ÷ 4 weeks
    }

    [Theory]
    [InlineData(1000, 0, 1000)]
    [InlineData(1000, 20, 800)]
    [InlineData(1000, 100, 0)]
    [InlineData(333, 10, 299.7)]
    public void Capacity_available_is_the_hours_less_the_BAU_share(decimal hours, decimal share, decimal available)
    {
        Assert.Equal(available, TrainingLoad.Available(hours, share));
        Assert.Equal(available, Capacity(10, hours, share).Available);
    }

    [Fact]
    public void The_capacity_in_force_is_the_latest_row_starting_on_or_before_the_week()
    {
        var history = new[] { Capacity(10, 100, from: new(2026, 1, 5)), Capacity(10, 300, from: new(2026, 3, 16)), Capacity(10, 200, from: new(2026, 2, 2)) };
        Assert.Null(TrainingLoad.InForce(history, new DateOnly(2025, 12, 29)));
        Assert.Equal(200m, TrainingLoad.InForce(history, Week1)!.HoursPerWeek);
        Assert.Equal(300m, TrainingLoad.InForce(history, new DateOnly(2026, 3, 16))!.HoursPerWeek);
        Assert.Equal(300m, TrainingLoad.InForce(history, Week4)!.HoursPerWeek);
    }

    [Theory]
    [InlineData(250, 0, HeatBand.Near)]     // 200 of 250: 80% is the Near mark
    [InlineData(300, 0, HeatBand.Within)]   // 67%
    [InlineData(200, 0, HeatBand.Near)]     // exactly the capacity is not over it
    [InlineData(199, 0, HeatBand.Over)]
    [InlineData(250, 50, HeatBand.Over)]    // 125 available after BAU training
    public void A_week_is_banded_by_need_against_capacity_available(decimal hours, decimal share, HeatBand band)
    {
        var cell = Cell([Impact()], [Capacity(10, hours, share)], 10, Week1);
        Assert.Equal(200m, cell.Need);
        Assert.Equal(TrainingLoad.Available(hours, share), cell.Available);
        Assert.Equal(band, cell.Band);
    }

    [Fact]
    public void Overlapping_releases_add_up_in_the_weeks_they_share()
    {
        var later = Impact(release: 2, goLive: GoLive.AddDays(14), headcount: 50); // training 23 March – 13 April
        var grid = TrainingLoad.Grid(Tree, [Impact(), later], [Capacity(10, 250)], [Week1, new DateOnly(2026, 3, 23)], 0.8m)[10];
        Assert.Equal(200m, grid[0].Need);
        Assert.Equal(HeatBand.Near, grid[0].Band);
        Assert.Equal(300m, grid[1].Need);            // 200 + 50 × 8 ÷ 4
        Assert.Equal(HeatBand.Over, grid[1].Band);
    }

    [Fact]
    public void Without_a_capacity_there_is_no_comparison_and_no_band()
    {
        var cell = Cell([Impact()], [], 10, Week1);
        Assert.Equal(200m, cell.Need);
        Assert.Null(cell.Available);
        Assert.True(cell.NotRecorded);
        Assert.Equal(HeatBand.None, cell.Band);
    }

    [Fact]
    public void A_capacity_that_starts_later_does_not_cover_earlier_weeks()
    {
        var cell = Cell([Impact()], [Capacity(10, 1000, from: Week4)], 10, Week1);
        Assert.True(cell.NotRecorded);
        Assert.Equal(HeatBand.Within, Cell([Impact()], [Capacity(10, 1000, from: Week4)], 10, Week4).Band);
    }

    [Fact]
    public void No_need_is_no_band_even_with_a_capacity()
    {
        var cell = Cell([], [Capacity(10, 100)], 10, Week1);
        Assert.Equal(0m, cell.Need);
        Assert.Equal(100m, cell.Available);
        Assert.False(cell.NotRecorded);
        Assert.Equal(HeatBand.None, cell.Band);
    }

    [Fact]
    public void A_parent_adds_its_sub_areas_need_and_capacity()
    {
        var impacts = new[] { Impact(area: 10), Impact(area: 11, headcount: 50) };
        var parent = Cell(impacts, [Capacity(10, 150), Capacity(11, 200)], 1, Week1);
        Assert.Equal(300m, parent.Need);                 // 200 + 100
        Assert.Equal(350m, parent.Available);
        Assert.Equal(HeatBand.Near, parent.Band);        // 86%: unit 10 alone is over, the directorate as a whole is not
        Assert.Equal(HeatBand.Over, Cell(impacts, [Capacity(10, 150), Capacity(11, 200)], 10, Week1).Band);
    }

    [Fact]
    public void A_parent_with_need_in_a_sub_area_without_capacity_is_not_compared()
    {
        var impacts = new[] { Impact(area: 10), Impact(area: 11, headcount: 50) };
        var parent = Cell(impacts, [Capacity(10, 1000)], 1, Week1);
        Assert.Equal(300m, parent.Need);
        Assert.True(parent.NotRecorded);                 // unit 11's 100 hours have no capacity anywhere
        Assert.False(Cell(impacts, [Capacity(10, 1000)], 10, Week1).NotRecorded);
    }

    [Fact]
    public void A_capacity_recorded_on_the_parent_covers_sub_areas_without_their_own()
    {
        var impacts = new[] { Impact(area: 10), Impact(area: 11, headcount: 50) };
        var parent = Cell(impacts, [Capacity(1, 250)], 1, Week1);
        Assert.Equal(250m, parent.Available);
        Assert.Equal(HeatBand.Over, parent.Band);        // 300 against 250
        Assert.True(Cell(impacts, [Capacity(1, 250)], 10, Week1).NotRecorded); // the unit's own row still has nothing to compare
    }

    [Fact]
    public void A_capacity_of_nothing_left_after_BAU_makes_any_need_over()
    {
        Assert.Equal(HeatBand.Over, Cell([Impact(training: 0.5m)], [Capacity(10, 500, 100)], 10, Week1).Band);
    }

    [Fact]
    public void The_go_live_dates_whose_training_touches_the_weeks_shown_are_those_one_to_four_weeks_after_them()
    {
        var (from, to) = TrainingLoad.GoLivesTrainingIn(Week1, Week4);
        Assert.Equal(new DateOnly(2026, 3, 16), from);   // go-live week 16 March: its last training week is 9 March
        Assert.Equal(new DateOnly(2026, 5, 3), to);      // go-live week 27 April trains 30 March – 20 April
        foreach (var goLive in new[] { from, to, from.AddDays(-1), to.AddDays(1) })
        {
            var touches = TrainingLoad.Need(Impact(goLive: goLive)).Any(c => c.Week >= Week1 && c.Week <= Week4);
            Assert.Equal(goLive >= from && goLive <= to, touches);
        }
    }

    [Theory]
    [InlineData(-1, 10, "HoursPerWeek")]
    [InlineData(1_000_001, 10, "HoursPerWeek")]
    [InlineData(100, -1, "BauSharePercent")]
    [InlineData(100, 100.5, "BauSharePercent")]
    public void A_capacity_out_of_range_is_named_by_its_field(decimal hours, decimal share, string field)
    {
        var problem = Assert.Single(TrainingLoad.Problems(hours, share));
        Assert.Equal(field, problem.Field);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingCapacity(10, Week1, hours, share, null, DateTime.UtcNow));
    }

    [Fact]
    public void A_capacity_starts_on_a_monday()
    {
        Assert.Throws<ArgumentException>(() => new TrainingCapacity(10, Week1.AddDays(2), 100, 10, null, DateTime.UtcNow));
        Assert.Empty(TrainingLoad.Problems(0, 0));
        Assert.Equal(2, TrainingLoad.Problems(null, null).Count());
    }
}
