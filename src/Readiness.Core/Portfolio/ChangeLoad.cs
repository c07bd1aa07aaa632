namespace Readiness.Core.Portfolio;

/// <summary>One impact of one release on one area, as the load model needs it.</summary>
public sealed record LoadInput(int ReleaseId, int AreaId, DateOnly GoLive, int Headcount, ImpactLevel Level, decimal TrainingHoursPerPerson, int HypercareWeeks);

public enum LoadPart
{
    Training = 0,
    GoLive = 1,
    Hypercare = 2,
}

/// <summary>Person-hours of change that one impact puts on its area in one week.</summary>
public sealed record LoadContribution(DateOnly Week, LoadPart Part, decimal Hours);

/// <summary>
/// The change-load model of the heatmap (decision, 2026-11-26). The unit is <b>person-hours of change per week</b>:
/// time the area's people spend learning or absorbing a change instead of their usual work. It is additive, so
/// overlapping releases and nested areas simply sum, and a tolerance can be read as "hours a week the area can spare".
/// <list type="bullet">
/// <item>Training: headcount × training hours per person, spread evenly over the <see cref="TrainingWeeks"/> weeks
/// before the go-live week (people are trained in the month before T0).</item>
/// <item>Go-live week (the week containing T0): headcount × level weight hours (Low 1, Medium 2, High 3) — the
/// disruption of the first days on the new way of working.</item>
/// <item>Hypercare: for each hypercare week after the go-live week, headcount × <see cref="HypercareFactor"/> × level weight.</item>
/// </list>
/// Weeks start on Monday in the configured time zone (Europe/London by default); T0 is a local calendar date.
/// A parent area's load is its own impacts plus the load of all its descendants.
/// </summary>
public static class ChangeLoad
{
    public const int TrainingWeeks = 4;
    public const decimal HypercareFactor = 0.5m;

    /// <summary>The most hypercare weeks an impact may have (the seed files and the admin form refuse more).</summary>
    public const int MaxHypercareWeeks = 26;

    public static decimal LevelWeight(ImpactLevel level) => level switch
    {
        ImpactLevel.Low => 1m,
        ImpactLevel.Medium => 2m,
        ImpactLevel.High => 3m,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>The Monday that starts the week holding <paramref name="day"/>.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The Monday (local to <paramref name="zone"/>) of the week holding the UTC instant <paramref name="utc"/>.</summary>
    public static DateOnly WeekOf(DateTime utc, TimeZoneInfo zone) =>
        WeekStart(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone)));

    /// <summary>The UTC instant a local week starts at (midnight Monday in <paramref name="zone"/>; 23:00 UTC on Sunday in BST).</summary>
    public static DateTime WeekStartUtc(DateOnly monday, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(monday.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);

    /// <summary>Every week's load from one impact.</summary>
    public static IReadOnlyList<LoadContribution> For(LoadInput impact)
    {
        var goLiveWeek = WeekStart(impact.GoLive);
        var weight = LevelWeight(impact.Level);
        var result = new List<LoadContribution>();
        var training = impact.Headcount * impact.TrainingHoursPerPerson;
        if (training > 0)
        {
            var perWeek = training / TrainingWeeks;
            for (var w = TrainingWeeks; w >= 1; w--) result.Add(new(goLiveWeek.AddDays(-7 * w), LoadPart.Training, perWeek));
        }
        result.Add(new(goLiveWeek, LoadPart.GoLive, impact.Headcount * weight));
        for (var w = 1; w <= impact.HypercareWeeks; w++)
            result.Add(new(goLiveWeek.AddDays(7 * w), LoadPart.Hypercare, impact.Headcount * HypercareFactor * weight));
        return result;
    }

    /// <summary>The total load of one impact in one week.</summary>
    public static decimal In(LoadInput impact, DateOnly week) => For(impact).Where(c => c.Week == week).Sum(c => c.Hours);

    /// <summary>The weeks shown: <paramref name="count"/> Mondays from the week holding <paramref name="from"/>.</summary>
    public static IReadOnlyList<DateOnly> Weeks(DateOnly from, int count)
    {
        var first = WeekStart(from);
        return Enumerable.Range(0, count).Select(i => first.AddDays(7 * i)).ToList();
    }

    /// <summary>
    /// Load per area per week, a parent including its descendants. <paramref name="parents"/> maps every area id to its
    /// parent id (null at the top). Returns, for each area, one value per entry of <paramref name="weeks"/>.
    /// </summary>
    public static IReadOnlyDictionary<int, decimal[]> Grid(IReadOnlyDictionary<int, int?> parents, IEnumerable<LoadInput> impacts, IReadOnlyList<DateOnly> weeks) =>
        Rollup(parents, impacts.SelectMany(i => For(i).Select(c => (i.AreaId, c.Week, c.Hours))), weeks);

    /// <summary>
    /// Load per area per week from each area's own load (<see cref="AreaWeekLoad"/> rows or an impact's contributions),
    /// a parent including its descendants: one value per entry of <paramref name="weeks"/> for every area.
    /// </summary>
    public static IReadOnlyDictionary<int, decimal[]> Rollup(IReadOnlyDictionary<int, int?> parents, IEnumerable<(int AreaId, DateOnly Week, decimal Hours)> own, IReadOnlyList<DateOnly> weeks)
    {
        var index = weeks.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i);
        var grid = parents.Keys.ToDictionary(id => id, _ => new decimal[weeks.Count]);
        // Each area's rows to add to, worked out once per area rather than once per entry (a grid has thousands).
        var chains = new Dictionary<int, decimal[][]>();
        foreach (var (areaId, week, hours) in own)
        {
            if (!index.TryGetValue(week, out var i)) continue;
            if (!chains.TryGetValue(areaId, out var rows))
                chains[areaId] = rows = [.. SelfAndAncestors(areaId, parents).Where(grid.ContainsKey).Select(a => grid[a])];
            foreach (var row in rows) row[i] += hours;
        }
        return grid;
    }

    /// <summary>The area and every area above it; stops on an unknown id or a cycle.</summary>
    public static IEnumerable<int> SelfAndAncestors(int areaId, IReadOnlyDictionary<int, int?> parents)
    {
        var seen = new HashSet<int>();
        int? current = areaId;
        while (current is { } id && seen.Add(id))
        {
            yield return id;
            current = parents.TryGetValue(id, out var parent) ? parent : null;
        }
    }

    /// <summary>
    /// An area's tolerance: its own (configured for its code, else the default) plus its descendants' tolerances, so a
    /// directorate can carry what its units can carry together.
    /// </summary>
    public static IReadOnlyDictionary<int, decimal> Tolerances(IReadOnlyDictionary<int, int?> parents, Func<int, decimal> own)
    {
        var result = parents.Keys.ToDictionary(id => id, _ => 0m);
        foreach (var id in parents.Keys)
        {
            var t = own(id);
            foreach (var a in SelfAndAncestors(id, parents)) result[a] += t;
        }
        return result;
    }

    public static HeatBand Band(decimal load, decimal tolerance, decimal amberAt) =>
        load <= 0 ? HeatBand.None
        : load > tolerance ? HeatBand.Over
        : load >= tolerance * amberAt ? HeatBand.Near
        : HeatBand.Within;
}

public enum HeatBand
{
    None = 0,
    Within = 1,
    Near = 2,
    Over = 3,
}
