namespace Readiness.Core.Benefits;

/// <summary>
/// Cashable savings of one programme in one financial year (1 April to 31 March, as the force budgets): planned is the
/// rise of the profiles over the year, realised the rise of the measurements (null for a year not yet measured).
/// Cashable measures are cumulative pounds saved, so a year's saving is its end value less its start value.
/// </summary>
public sealed record CashableYear(string ProgrammeCode, string ProgrammeName, int StartYear, decimal Planned, decimal? Realised)
{
    /// <summary>"2026/27".</summary>
    public string Year => $"{StartYear}/{(StartYear + 1) % 100:00}";

    public static DateOnly Start(int startYear) => new(startYear, 4, 1);

    public static int YearOf(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    public static IReadOnlyList<CashableYear> Totals(IEnumerable<BenefitView> benefits)
    {
        var rows = new List<CashableYear>();
        foreach (var programme in benefits.Where(b => b.Kind == BenefitKind.Cashable && b.Baseline is not null && b.Profile.Count > 0).GroupBy(b => (b.ProgrammeCode, b.ProgrammeName)))
        {
            var first = programme.Min(b => YearOf(b.Profile[0].Date));
            var last = programme.Max(b => YearOf(b.Profile[^1].Date));
            for (var year = first; year <= last; year++)
            {
                var (start, end) = (Start(year).AddDays(-1), Start(year + 1).AddDays(-1));
                decimal planned = 0, realised = 0;
                var measured = false;
                foreach (var b in programme)
                {
                    planned += BenefitStatusRule.ExpectedOn(b.Profile, b.Baseline!.Value, end) - BenefitStatusRule.ExpectedOn(b.Profile, b.Baseline.Value, start);
                    if (b.Actuals.LastOrDefault(a => a.Date <= end) is not { } atEnd || atEnd.Date <= start) continue;
                    measured = true;
                    realised += atEnd.Value - (b.Actuals.LastOrDefault(a => a.Date <= start)?.Value ?? b.Baseline.Value);
                }
                rows.Add(new CashableYear(programme.Key.ProgrammeCode, programme.Key.ProgrammeName, year, planned, measured ? realised : null));
            }
        }
        return rows.OrderBy(r => r.ProgrammeName, StringComparer.Ordinal).ThenBy(r => r.StartYear).ToList();
    }
}
