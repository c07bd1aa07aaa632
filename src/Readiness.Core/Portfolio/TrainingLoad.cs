using System.Globalization;
using Readiness.Core.Common;

namespace Readiness.Core.Portfolio;

/// <summary>One row of an area's capacity history, as the arithmetic needs it.</summary>
public sealed record CapacityEntry(int AreaId, DateOnly FromWeek, decimal HoursPerWeek, decimal BauSharePercent)
{
    public decimal Available => TrainingLoad.Available(HoursPerWeek, BauSharePercent);
}

/// <summary>
/// One area in one week: the training need (person-hours) and the capacity left for it. <see cref="Available"/> is null
/// when there is nothing to compare with: no capacity recorded in the area, or some of the need is in a sub-area that
/// has none recorded (for itself or above it, up to this area). <see cref="Band"/> is then None, as it is with no need.
/// </summary>
public sealed record TrainingCell(DateOnly Week, decimal Need, decimal? Available, HeatBand Band)
{
    public bool NotRecorded => Need > 0 && Available is null;
}

/// <summary>
/// Training need against training capacity (decision 2026-12-04). The need is the <see cref="ChangeLoad"/> model's
/// training part — headcount × training hours per person spread over the <see cref="ChangeLoad.TrainingWeeks"/> weeks
/// before the go-live week — so the training view and the heatmap can never disagree. An area's capacity in a week is
/// the row of its history in force then, less its BAU share. As on the heatmap, a parent area adds up its sub-areas:
/// its need is theirs plus its own, its capacity the capacities recorded in it and under it; a capacity recorded on a
/// parent covers the need of the sub-areas that have none of their own.
/// </summary>
public static class TrainingLoad
{
    public const decimal MaxHoursPerWeek = 1_000_000m;

    /// <summary>What is wrong with a capacity, by field ("HoursPerWeek", "BauSharePercent"), in words that say what to do.</summary>
    public static IEnumerable<FieldError> Problems(decimal? hoursPerWeek, decimal? bauSharePercent)
    {
        if (hoursPerWeek is null or < 0 or > MaxHoursPerWeek)
            yield return new("HoursPerWeek", $"Enter the trainer-led hours the area can absorb in a week, from 0 to {MaxHoursPerWeek.ToString("#,0", CultureInfo.InvariantCulture)}.");
        if (bauSharePercent is null or < 0 or > 100)
            yield return new("BauSharePercent", "Enter the share reserved for business-as-usual training as a percentage, from 0 to 100.");
    }

    public static decimal Available(decimal hoursPerWeek, decimal bauSharePercent) => Math.Round(hoursPerWeek * (100m - bauSharePercent) / 100m, 2);

    /// <summary>The training part of one impact's load, week by week (the heatmap's own model).</summary>
    public static IEnumerable<LoadContribution> Need(LoadInput impact) => ChangeLoad.For(impact).Where(c => c.Part == LoadPart.Training);

    /// <summary>
    /// The go-live dates whose training window touches the weeks from <paramref name="firstWeek"/> to
    /// <paramref name="lastWeek"/> (Mondays), so a query reads only the releases it needs.
    /// </summary>
    public static (DateOnly From, DateOnly To) GoLivesTrainingIn(DateOnly firstWeek, DateOnly lastWeek) =>
        (firstWeek.AddDays(7), lastWeek.AddDays(7 * ChangeLoad.TrainingWeeks + 6));

    /// <summary>The row of one area's history in force in <paramref name="week"/>: the latest that starts on or before it.</summary>
    public static CapacityEntry? InForce(IEnumerable<CapacityEntry> history, DateOnly week) =>
        history.Where(e => e.FromWeek <= week).MaxBy(e => e.FromWeek);

    /// <summary>
    /// Need against capacity per area and week, a parent including its sub-areas. <paramref name="parents"/> maps every
    /// area id to its parent (null at the top); <paramref name="capacities"/> holds every area's history.
    /// </summary>
    public static IReadOnlyDictionary<int, TrainingCell[]> Grid(IReadOnlyDictionary<int, int?> parents, IEnumerable<LoadInput> impacts,
        IEnumerable<CapacityEntry> capacities, IReadOnlyList<DateOnly> weeks, decimal amberAt)
    {
        var index = weeks.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i);
        decimal[] Row() => new decimal[weeks.Count];
        var ownNeed = parents.Keys.ToDictionary(id => id, _ => Row());
        foreach (var impact in impacts.Where(i => ownNeed.ContainsKey(i.AreaId)))
            foreach (var c in Need(impact))
                if (index.TryGetValue(c.Week, out var w)) ownNeed[impact.AreaId][w] += c.Hours;
        var history = capacities.ToLookup(c => c.AreaId);
        var ownCapacity = parents.Keys.ToDictionary(id => id, id => weeks.Select(w => InForce(history[id], w)?.Available).ToArray());

        var need = parents.Keys.ToDictionary(id => id, _ => Row());
        var capacity = parents.Keys.ToDictionary(id => id, _ => new decimal?[weeks.Count]);
        var uncovered = parents.Keys.ToDictionary(id => id, _ => new bool[weeks.Count]);
        foreach (var area in parents.Keys)
            for (var w = 0; w < weeks.Count; w++)
            {
                var covered = false;
                foreach (var up in ChangeLoad.SelfAndAncestors(area, parents).Where(need.ContainsKey))
                {
                    need[up][w] += ownNeed[area][w];
                    if (ownCapacity[area][w] is { } c) capacity[up][w] = (capacity[up][w] ?? 0) + c;
                    // Walking up from the area: every row below the first capacity recorded on the way has this need uncovered.
                    covered |= ownCapacity[up][w] is not null;
                    if (!covered && ownNeed[area][w] > 0) uncovered[up][w] = true;
                }
            }
        return parents.Keys.ToDictionary(id => id, id => weeks.Select((week, w) =>
        {
            var available = uncovered[id][w] ? null : capacity[id][w];
            var band = available is { } a ? ChangeLoad.Band(need[id][w], a, amberAt) : HeatBand.None;
            return new TrainingCell(week, need[id][w], available, band);
        }).ToArray());
    }
}
